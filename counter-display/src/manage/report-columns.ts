import { REPORT_COLUMNS as ALL_COLUMNS } from '@hall/shared/reports';

/** The report table columns (shared with the city's 统计分析), without the four rating dimensions. */
export const REPORT_COLUMNS = ALL_COLUMNS.filter((c) => !c.wide);

export const TABLES = [
  { name: 'by-service', field: 'byService', keyHeader: '业务' },
  { name: 'by-counter', field: 'byCounter', keyHeader: '窗口' },
  { name: 'by-staff', field: 'byStaff', keyHeader: '工作人员' },
  { name: 'by-hour', field: 'byHour', keyHeader: '时段' },
  { name: 'by-day', field: 'byDay', keyHeader: '日期' },
] as const;
export type TableName = (typeof TABLES)[number]['name'];
