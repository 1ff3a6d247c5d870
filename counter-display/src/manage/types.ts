/** Response shapes of the manager endpoints: defined once in shared, computed by the hall server. */
export type {
  AdminUser, AuditEntry, Dashboard, DashboardAlert, Figures, RankedEntry, Ranking, ReviewRating, Satisfaction, ServiceLoad,
  ServiceRecord, SummaryReport,
} from '@hall/shared';
export type { LabelledGroup } from '@hall/shared';
