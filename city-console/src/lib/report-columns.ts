import { minutes1, percentText, scoreText } from './format';
import type { Figures } from './types';

/** The report table columns, the same as the hall console's (counter-display/src/manage/report-columns.ts). */
/** `wide`: shown on screens 1600 px and wider (always in the exports). */
export const REPORT_COLUMNS: readonly { header: string; cell: (f: Figures) => string | number; wide?: true }[] = [
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

/** A table of labelled figure rows as plain cells: header row first, then one row per group. */
export function figureRows(keyHeader: string, groups: readonly { label: string; figures: Figures }[]): (string | number)[][] {
  return [[keyHeader, ...REPORT_COLUMNS.map((c) => c.header)], ...groups.map((g) => [g.label, ...REPORT_COLUMNS.map((c) => c.cell(g.figures))])];
}

/** One row of a figures table on screen: a hall, an area, a level, a service or a day. */
export interface FigureRow {
  key: string;
  label: string;
  figures: Figures;
  /** Extra cells (level, hall count…) shown after the label. */
  extra?: string[];
  open?: () => void;
}
