import type {
  AssessmentWeights, CityAdminHall, CityAdminUser, CityAreaNode, CityEnrollmentCode, CityFollowUp, CityHallView, CityRanking, CityRankingRow,
  CitySummary, CitySupervision, CityUser, HallLevelName,
} from '@hall/shared';

/** The city queries' shapes (shared/src/schemas/city.ts) under the names the console uses. */
export type { Figures, LabelledGroup } from '@hall/shared';
export type {
  AssessmentWeights, CityAdminHall, CityAdminUser, CityEnrollmentCode, CityFollowUp, CityRanking, CityRankingRow, CitySummary, CitySupervision, CityUser,
};

export type Level = HallLevelName;
export type AreaNode = CityAreaNode;
export type HallView = CityHallView;
export type HallLive = NonNullable<CityHallView['live']>;
export type HallFigures = CitySummary['byHall'][number];
export type AreaFigures = CitySummary['byArea'][number];
