import type { Figures, LabelledGroup } from '@hall/shared';

/**
 * Response shapes of the city queries (DESIGN.md "City network"), as city-server answers them
 * today. Move to shared/src/schemas/city.ts once the server side defines them there.
 */
export type { Figures, LabelledGroup } from '@hall/shared';

export type Level = 'city' | 'county' | 'township' | 'village';

export interface CityUser {
  id: number;
  username: string;
  role: 'admin' | 'supervisor';
  areaCode: string;
}

/** GET /api/city/areas: the tree from the user's own area down. */
export interface AreaNode {
  code: string;
  name: string;
  level: Level;
  children: AreaNode[];
}

/** The hall's live state as it pushed it last (shared syncLiveSchema, tickets left out here). */
export interface HallLive {
  at: string;
  waitingByService: Record<string, number>;
  longestWaitSeconds: number;
  countersOpen: number;
  printerFaults: number;
  /** Not in the push yet; 20 minutes (the catalogue's usual target) when absent. */
  targetWaitMinutes?: number;
}

/** GET /api/city/halls. */
export interface HallView {
  id: number;
  name: string;
  level: Level;
  areaCode: string;
  enrolled: boolean;
  revoked: boolean;
  online: boolean;
  lastSeenAt: string | null;
  ackSeq: number;
  live: HallLive | null;
}

export type HallFigures = Figures & { hallId: number; name: string; level: Level; areaCode: string };
export type AreaFigures = Figures & { areaCode: string; name: string };

/** GET /api/city/summary. */
export interface CitySummary extends Figures {
  from: string;
  to: string;
  area: string;
  byService: LabelledGroup<string>[];
  byHour: LabelledGroup<number>[];
  byDay: LabelledGroup<string>[];
  byHall: HallFigures[];
  byArea: AreaFigures[];
}

/** GET /api/city/ranking?month&level: one hall's indicators and its place within its level. */
export interface RankingRow {
  hallId: number;
  name: string;
  level: Level;
  areaCode: string;
  rank: number | null;
  score: number | null;
  satisfaction: number | null;
  followUpRate: number | null;
  onTimeRate: number | null;
  serviceLevel: number | null;
  noShowRate: number | null;
  coverage: number | null;
}

export interface RankingWeights {
  satisfaction: number;
  followUpRate: number;
  onTimeRate: number;
  serviceLevel: number;
  noShowRate: number;
  coverage: number;
}

export interface CityRanking {
  month: string;
  weights: RankingWeights;
  rows: RankingRow[];
}

/** GET /api/city/follow-ups?area&overdue: open follow-ups of every hall under the area. */
export interface CityFollowUp {
  id: number;
  hallId: number;
  hallName: string;
  ticketNumber: string;
  score: number;
  comment: string | null;
  openedAt: string;
  deadline: string;
  workingDaysLeft: number;
  overdue: boolean;
  reminders: { at: string; by: string }[];
}

export interface AdminUserRow {
  id: number;
  username: string;
  role: 'admin' | 'supervisor';
  areaCode: string;
}
