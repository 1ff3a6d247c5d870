import type { DeviceView, SnapshotCounter } from '@hall/shared';

/** Response shapes of the manager endpoints (hall-server/src/reports, services/admin-service). */
export interface Satisfaction {
  count: number;
  average: number | null;
  satisfiedRate: number | null;
  distribution: Record<'1' | '2' | '3' | '4' | '5', number>;
  dimensions: { attitude: number | null; efficiency: number | null; policy: number | null; competence: number | null };
}

export interface Figures {
  issued: number;
  served: number;
  noShow: number;
  noShowRate: number | null;
  avgWaitSeconds: number | null;
  p90WaitSeconds: number | null;
  avgServiceSeconds: number | null;
  serviceLevel: number | null;
  satisfaction: Satisfaction;
  waitEstimate: { count: number; meanAbsErrorSeconds: number | null; meanErrorSeconds: number | null };
}

export type Group<K = string | number> = Figures & { key: K; label: string };

export interface SummaryReport extends Figures {
  from: string;
  to: string;
  byService: Group<string>[];
  byCounter: Group<number>[];
  byStaff: Group<number>[];
  byHour: Group<number>[];
  byDay: Group<string>[];
  followUps: { opened: number; open: number; overdue: number; closed: number; closedOnTime: number; rate: number | null; onTimeRate: number | null };
}

export interface ServiceLoad {
  code: string;
  name: string;
  open: boolean;
  waiting: number;
  longestWaitSeconds: number | null;
  targetWaitMinutes: number;
  warnQueueLength: number;
}

export type DashboardAlert =
  | { kind: 'wait-over-target'; serviceCode: string; serviceName: string; longestWaitSeconds: number; targetWaitMinutes: number }
  | { kind: 'queue-too-long'; serviceCode: string; serviceName: string; waiting: number; warnQueueLength: number }
  | { kind: 'printer-fault'; deviceId: number; deviceName: string; printerState: string; message: string | null }
  | { kind: 'device-offline'; deviceId: number; deviceName: string; deviceKind: string };

export interface Dashboard {
  hallName: string;
  hallDay: string;
  serverTime: string;
  services: ServiceLoad[];
  counters: SnapshotCounter[];
  today: Omit<Figures, 'waitEstimate'> & { waiting: number };
  followUps: SummaryReport['followUps'];
  devices: DeviceView[];
  alerts: DashboardAlert[];
}

export interface RankedEntry {
  rank: number | null;
  id: number;
  name: string;
  ratings: number;
  average: number | null;
  satisfiedRate: number | null;
  served: number;
}

export interface Ranking {
  month: string;
  from: string;
  to: string;
  minRatings: number;
  hallName: string;
  counters: RankedEntry[];
  staff: RankedEntry[];
}

export interface ReviewRating {
  id: number;
  ticketNumber: string;
  hallDay: string;
  serviceCode: string;
  counterName: string | null;
  staffName: string | null;
  score: number;
  comment: string | null;
  createdAt: string;
  excludedAt: string | null;
  excludedBy: string | null;
  excludeReason: string | null;
  followUpId: number | null;
}

export interface ServiceRecord {
  code: string;
  prefix: string;
  nameZh: string;
  nameEn: string;
  descriptionZh: string;
  descriptionEn: string;
  targetWaitMinutes: number;
  warnQueueLength: number;
  dailyQuota: number | null;
  opensAt: string;
  closesAt: string;
  ticketNotes: string;
  isOpen: boolean;
  sortOrder: number;
}

export interface AdminUser {
  id: number;
  username: string;
  displayName: string;
  staffNo: string;
  role: 'staff' | 'manager' | 'admin';
  disabled: boolean;
}

export interface AuditEntry {
  id: number;
  at: string;
  action: string;
  username: string | null;
  detail: unknown;
}
