import type { Figures } from './summary';
import type { SummaryReport } from './report-service';

/** The five report tables, by URL name (GET /api/reports/<name>.csv). */
export const REPORT_TABLES = {
  'by-service': { field: 'byService', title: '按业务', keyHeader: '业务' },
  'by-counter': { field: 'byCounter', title: '按窗口', keyHeader: '窗口' },
  'by-staff': { field: 'byStaff', title: '按工作人员', keyHeader: '工作人员' },
  'by-hour': { field: 'byHour', title: '按时段', keyHeader: '时段' },
  'by-day': { field: 'byDay', title: '按日期', keyHeader: '日期' },
} as const;
export type ReportTableName = keyof typeof REPORT_TABLES;

/** Columns after the group's name: header and how to read the cell from the figures. */
export const FIGURE_COLUMNS: readonly { header: string; cell: (f: Figures) => number | null }[] = [
  { header: '取号', cell: (f) => f.issued },
  { header: '办结', cell: (f) => f.served },
  { header: '过号', cell: (f) => f.noShow },
  { header: '过号率(%)', cell: (f) => percent(f.noShowRate) },
  { header: '平均等候(分钟)', cell: (f) => minutes(f.avgWaitSeconds) },
  { header: 'P90等候(分钟)', cell: (f) => minutes(f.p90WaitSeconds) },
  { header: '平均办理(分钟)', cell: (f) => minutes(f.avgServiceSeconds) },
  { header: '服务达标率(%)', cell: (f) => percent(f.serviceLevel) },
  { header: '评价数', cell: (f) => f.satisfaction.count },
  { header: '满意度均分', cell: (f) => f.satisfaction.average },
  { header: '满意率(%)', cell: (f) => percent(f.satisfaction.satisfiedRate) },
  { header: '非常满意', cell: (f) => f.satisfaction.distribution['5'] },
  { header: '满意', cell: (f) => f.satisfaction.distribution['4'] },
  { header: '基本满意', cell: (f) => f.satisfaction.distribution['3'] },
  { header: '不满意', cell: (f) => f.satisfaction.distribution['2'] },
  { header: '非常不满意', cell: (f) => f.satisfaction.distribution['1'] },
  { header: '服务态度', cell: (f) => f.satisfaction.dimensions.attitude },
  { header: '办事效率', cell: (f) => f.satisfaction.dimensions.efficiency },
  { header: '政策执行', cell: (f) => f.satisfaction.dimensions.policy },
  { header: '业务水平', cell: (f) => f.satisfaction.dimensions.competence },
  { header: '预估误差(分钟)', cell: (f) => minutes(f.waitEstimate.meanAbsErrorSeconds) },
];

/** Seconds as minutes with one decimal, as managers read waits. */
export function minutes(seconds: number | null): number | null {
  return seconds === null ? null : Math.round(seconds / 6) / 10;
}
/** A 0–1 share as a percentage with one decimal. */
export function percent(rate: number | null): number | null {
  return rate === null ? null : Math.round(rate * 1000) / 10;
}

/** One report table as header + rows, the same cells for the CSV, the .xlsx and the console. */
export function reportTable(summary: SummaryReport, name: ReportTableName): { title: string; header: string[]; rows: (string | number | null)[][] } {
  const table = REPORT_TABLES[name];
  const groups = summary[table.field] as (Figures & { label: string })[];
  return {
    title: table.title,
    header: [table.keyHeader, ...FIGURE_COLUMNS.map((c) => c.header)],
    rows: groups.map((group) => [group.label, ...FIGURE_COLUMNS.map((c) => c.cell(group))]),
  };
}

/** The range's headline figures as label/value lines (the 总览 sheet). */
export function overviewLines(summary: SummaryReport): [string, string | number | null][] {
  return [
    ['统计区间', `${summary.from} 至 ${summary.to}`],
    ...FIGURE_COLUMNS.map((c): [string, number | null] => [c.header, c.cell(summary)]),
    ['预估平均偏差(分钟，正为高估)', minutes(summary.waitEstimate.meanErrorSeconds)],
    ['差评回访：产生', summary.followUps.opened],
    ['差评回访：未办结', summary.followUps.open],
    ['差评回访：已超期', summary.followUps.overdue],
    ['差评回访：已办结', summary.followUps.closed],
    ['回访率(%)', percent(summary.followUps.rate)],
    ['按期办结率(%)', percent(summary.followUps.onTimeRate)],
  ];
}
