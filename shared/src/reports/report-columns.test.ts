import { describe, expect, it } from 'vitest';
import type { Figures } from '../schemas/report-views';
import { figureRows, REPORT_COLUMNS } from './report-columns';

// A hall's morning, written out by hand: 40 issued, 30 served, 4 no-shows of 36 called, waits 7.5 and
// 15.05 minutes, 20 ratings (3 bad), an estimate 2 minutes off on average.
const figures: Figures = {
  issued: 40, served: 30, noShow: 4, noShowRate: 0.1111, avgWaitSeconds: 450, p90WaitSeconds: 903, avgServiceSeconds: 361, serviceLevel: 0.8611,
  satisfaction: {
    count: 20, average: 4.35, satisfiedRate: 0.85, distribution: { '1': 1, '2': 2, '3': 0, '4': 4, '5': 13 },
    dimensions: { attitude: 4.6, efficiency: 4.2, policy: null, competence: 4 },
  },
  waitEstimate: { count: 36, meanAbsErrorSeconds: 120, meanErrorSeconds: -30 },
};

describe('report columns', () => {
  it('reads every cell of a row as the consoles show it', () => {
    expect(Object.fromEntries(REPORT_COLUMNS.map((c) => [c.header, c.cell(figures)]))).toEqual({
      取号: 40, 办结: 30, 过号: 4, 过号率: '11.1%', '平均等候(分)': '7.5', 'P90等候(分)': '15.1', '平均办理(分)': '6.0', 达标率: '86.1%',
      评价数: 20, 满意度: '4.35', 满意率: '85.0%', 服务态度: '4.60', 办事效率: '4.20', 政策执行: '—', 业务水平: '4.00', '差评(1-2)': 3, '预估误差(分)': '2.0',
    });
  });

  it('marks only the four rating dimensions wide', () => {
    expect(REPORT_COLUMNS.filter((c) => c.wide).map((c) => c.header)).toEqual(['服务态度', '办事效率', '政策执行', '业务水平']);
  });

  it('writes a table as a header row and a row per group, with the columns asked for', () => {
    const narrow = REPORT_COLUMNS.filter((c) => ['取号', '满意度'].includes(c.header));
    expect(figureRows('业务', [{ label: '法律援助', figures }, { label: '公证', figures: { ...figures, issued: 0, satisfaction: { ...figures.satisfaction, average: null } } }], narrow))
      .toEqual([['业务', '取号', '满意度'], ['法律援助', 40, '4.35'], ['公证', 0, '—']]);
  });
});
