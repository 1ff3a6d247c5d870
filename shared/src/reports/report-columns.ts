import type { Figures } from '../schemas/report-views';
import { minutes1, percentText, scoreText } from './format';

/** One column of a report figures table on screen: its header and how a cell reads from the figures. */
export interface ReportColumn {
  header: string;
  cell: (f: Figures) => string | number;
  /** The four rating dimensions: the city's 统计分析 shows them on screens 1600 px and wider (and always in its exports). */
  wide?: true;
}

/**
 * The report table columns of the consoles, the hall's 统计报表 and the city's 统计分析 alike: the
 * same headers and the same text in every cell (minutes with one decimal, percentages, scores),
 * so a hall's row in the city reads exactly as the hall's own.
 */
export const REPORT_COLUMNS: readonly ReportColumn[] = [
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
  { wide: true, header: '服务态度', cell: (f) => scoreText(f.satisfaction.dimensions.attitude) },
  { wide: true, header: '办事效率', cell: (f) => scoreText(f.satisfaction.dimensions.efficiency) },
  { wide: true, header: '政策执行', cell: (f) => scoreText(f.satisfaction.dimensions.policy) },
  { wide: true, header: '业务水平', cell: (f) => scoreText(f.satisfaction.dimensions.competence) },
  { header: '差评(1-2)', cell: (f) => f.satisfaction.distribution['1'] + f.satisfaction.distribution['2'] },
  { header: '预估误差(分)', cell: (f) => minutes1(f.waitEstimate.meanAbsErrorSeconds) },
];

/** A table of labelled figure rows as plain cells (for CSV and .xlsx): header row first, then one row per group. */
export function figureRows(
  keyHeader: string, groups: readonly { label: string; figures: Figures }[], columns: readonly ReportColumn[] = REPORT_COLUMNS,
): (string | number)[][] {
  return [[keyHeader, ...columns.map((c) => c.header)], ...groups.map((g) => [g.label, ...columns.map((c) => c.cell(g.figures))])];
}
