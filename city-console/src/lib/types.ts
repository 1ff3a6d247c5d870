import type {
  AssessmentWeights, CityAdminHall, CityAdminUser, CityAreaNode, CityEnrollmentCode, CityFollowUp, CityHallView, CityRanking, CityRankingRow,
  CitySummary as CitySummaryOfServer, CitySupervision, CityUser, Figures, HallLevelName,
} from '@hall/shared';

/** The city queries' shapes (shared/src/schemas/city.ts) under the names the console uses. */
export type { Figures, LabelledGroup } from '@hall/shared';
export type {
  AssessmentWeights, CityAdminHall, CityAdminUser, CityEnrollmentCode, CityFollowUp, CityRanking, CityRankingRow, CitySupervision, CityUser,
};

export type Level = HallLevelName;
/** GET /api/city/summary (with `hall`, one hall's own). */
export type CitySummary = CitySummaryOfServer;
/** The figures over every hall of one level in scope (exact, p90 over their waits), city → village. */
export type LevelFigures = CitySummary['byLevel'][number];
export type AreaNode = CityAreaNode;
export type HallView = CityHallView;
export type HallLive = NonNullable<CityHallView['live']>;
export type HallFigures = CitySummary['byHall'][number];
export type AreaFigures = CitySummary['byArea'][number];

/** One row of a figures table on screen: a hall, an area, a level, a service or a day. */
export interface FigureRow {
  key: string;
  label: string;
  figures: Figures;
  /** Extra cells (level, hall count…) shown after the label. */
  extra?: string[];
  open?: () => void;
}
