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
/** The figures over every hall of one level in scope (exact, p90 over their waits), city → village. */
export type LevelFigures = Figures & { level: Level; halls: number };
/** GET /api/city/summary; `byLevel` is computed by the server (absent from an older server: no by-level figures shown). */
export type CitySummary = CitySummaryOfServer & { byLevel?: LevelFigures[] };
export type AreaNode = CityAreaNode;
export type HallView = CityHallView;
export type HallLive = NonNullable<CityHallView['live']>;
export type HallFigures = CitySummary['byHall'][number];
export type AreaFigures = CitySummary['byArea'][number];
