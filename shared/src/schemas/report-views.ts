import type { Role } from '../domain/enums';
import type { BookingFigures } from './bookings';
import type { DeviceView, SnapshotCounter } from './hall';

/**
 * Response shapes of the manager endpoints (reports, dashboard, ranking, review, administration):
 * computed by the hall server, read by the manager console. One definition for both sides.
 */

export interface Satisfaction {
  count: number;
  average: number | null;
  /** Share of 满意 and 非常满意 (4–5), the 好差评 满意率, 0–1. */
  satisfiedRate: number | null;
  /** Count per score, keys "1" … "5". */
  distribution: Record<'1' | '2' | '3' | '4' | '5', number>;
  dimensions: { attitude: number | null; efficiency: number | null; policy: number | null; competence: number | null };
}

/** How far the wait promised at the kiosk was from the wait the visitor had (called tickets only). */
export interface WaitEstimateAccuracy {
  count: number;
  meanAbsErrorSeconds: number | null;
  /** Positive: visitors were promised longer waits than they had. */
  meanErrorSeconds: number | null;
}

export interface Figures {
  issued: number;
  served: number;
  noShow: number;
  noShowRate: number | null;
  avgWaitSeconds: number | null;
  p90WaitSeconds: number | null;
  avgServiceSeconds: number | null;
  /** Share of called tickets called within their service's target wait, 0–1. */
  serviceLevel: number | null;
  satisfaction: Satisfaction;
  waitEstimate: WaitEstimateAccuracy;
}

export type GroupKey = string | number;
export type GroupFigures<K extends GroupKey> = Figures & { key: K };
/** A group of a report with a name to show: service name, counter name, staff name and number. */
export type LabelledGroup<K extends GroupKey> = GroupFigures<K> & { label: string };

export interface FollowUpStats {
  opened: number;
  open: number;
  overdue: number;
  closed: number;
  closedOnTime: number;
  /** 回访率: closed ÷ opened, 0–1. */
  rate: number | null;
  /** 按期办结率: closed by the deadline ÷ closed. */
  onTimeRate: number | null;
}

/** GET /api/reports/summary. */
export interface SummaryReport extends Figures {
  from: string;
  to: string;
  byService: LabelledGroup<string>[];
  byCounter: LabelledGroup<number>[];
  byStaff: LabelledGroup<number>[];
  byHour: LabelledGroup<number>[];
  byDay: LabelledGroup<string>[];
  followUps: FollowUpStats;
  /** 预约: bookings over the range and booked vs walk-in wait (optional: older halls go without). */
  bookings?: BookingFigures;
}

/** A service's queue right now, with the limits a manager set for it. */
export interface ServiceLoad {
  code: string;
  name: string;
  open: boolean;
  /** Why it takes no numbers (null when open), named on the console as on the kiosk and the board. */
  closedReason?: 'closed' | 'quota-full' | 'not-yet-open' | 'after-hours' | null;
  waiting: number;
  /** Seconds the longest-waiting visitor has waited since taking the number; null when nobody waits. */
  longestWaitSeconds: number | null;
  targetWaitMinutes: number;
  warnQueueLength: number;
}

export type DashboardAlert =
  | { kind: 'wait-over-target'; serviceCode: string; serviceName: string; longestWaitSeconds: number; targetWaitMinutes: number }
  | { kind: 'queue-too-long'; serviceCode: string; serviceName: string; waiting: number; warnQueueLength: number }
  | { kind: 'printer-fault'; deviceId: number; deviceName: string; printerState: string; message: string | null }
  | { kind: 'device-offline'; deviceId: number; deviceName: string; deviceKind: string; neverOnline: boolean }
  | { kind: 'follow-ups-overdue'; overdue: number };

/** GET /api/dashboard. */
export interface Dashboard {
  hallName: string;
  hallDay: string;
  serverTime: string;
  services: ServiceLoad[];
  counters: SnapshotCounter[];
  today: Omit<Figures, 'waitEstimate'> & { waiting: number };
  followUps: FollowUpStats;
  devices: DeviceView[];
  alerts: DashboardAlert[];
}

export interface RankedEntry {
  /** 1-based, ties share a rank (1, 2, 2, 4); null when below the minimum number of ratings. */
  rank: number | null;
  id: number;
  name: string;
  ratings: number;
  average: number | null;
  satisfiedRate: number | null;
  served: number;
}

/** GET /api/reports/ranking (月度排名). */
export interface Ranking {
  month: string;
  from: string;
  to: string;
  minRatings: number;
  hallName: string;
  counters: RankedEntry[];
  staff: RankedEntry[];
}

/** GET /api/ratings: a rating for 申诉复核. */
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

/** A staff account as administration shows it (never its password hash). */
export interface AdminUser {
  id: number;
  username: string;
  displayName: string;
  staffNo: string;
  role: Role;
  disabled: boolean;
}

/** GET /api/admin/audit. */
export interface AuditEntry {
  id: number;
  at: string;
  action: string;
  username: string | null;
  detail: unknown;
}
