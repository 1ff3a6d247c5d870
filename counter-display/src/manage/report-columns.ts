import { minutes1, percentText, scoreText } from './format';
import type { Figures } from './types';

/** The report table columns, the same as the server's CSV/xlsx (hall-server/src/reports/tables.ts). */
export const REPORT_COLUMNS: readonly { header: string; cell: (f: Figures) => string | number }[] = [
  { header: '取号', cell: (f) => f.issued },
  { header: '办结', cell: (f) => f.served },
  { header: '过号', cell: (f) => f.noShow },
  { header: '过号率', cell: (f) => percentText(f.noShowRate) },
  { header: '平均等候(分)', cell: (f) => minutes1(f.avgWaitSeconds) },
  { header: 'P90等候(分)', cell: (f) => minutes1(f.p90WaitSeconds) },
  { header: '平均办理(分)', cell: (f) => minutes1(f.avgServiceSeconds) },
  { header: '达标率', cell: (f) => percentText(f.serviceLevel) },
  { header: '评价数', cell: (f) => f.satisfaction.count },
  { header: '满意度', cell: (f) => scoreText(f.satisfaction.average) },
  { header: '满意率', cell: (f) => percentText(f.satisfaction.satisfiedRate) },
  { header: '差评(1-2)', cell: (f) => f.satisfaction.distribution['1'] + f.satisfaction.distribution['2'] },
  { header: '预估误差(分)', cell: (f) => minutes1(f.waitEstimate.meanAbsErrorSeconds) },
];

export const TABLES = [
  { name: 'by-service', field: 'byService', keyHeader: '业务' },
  { name: 'by-counter', field: 'byCounter', keyHeader: '窗口' },
  { name: 'by-staff', field: 'byStaff', keyHeader: '工作人员' },
  { name: 'by-hour', field: 'byHour', keyHeader: '时段' },
  { name: 'by-day', field: 'byDay', keyHeader: '日期' },
] as const;
export type TableName = (typeof TABLES)[number]['name'];
