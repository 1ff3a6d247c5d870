import type { EChartsCoreOption } from 'echarts/core';
import { zh } from './i18n';
import type { CitySummary, LevelFigures } from './types';

/** The ECharts options of 统计分析 and of one hall's page (the same charts at either scope). */

const BLUE = '#1d5fb4';
const ORANGE = '#d46b08';
const GREEN = '#2f8f46';
const font = { fontFamily: 'WenQuanYi Micro Hei', fontSize: 13 };
/** A category name longer than five characters goes on two lines ("法律援助" / "受理"): at 1366 px the names never run into each other. */
export const twoLines = (name: string) => (name.length > 5 ? `${name.slice(0, 4)}\n${name.slice(4)}` : name);
const axis = { ...font, interval: 0, hideOverlap: false, formatter: twoLines, lineHeight: 15 };
const base = { textStyle: font, tooltip: { trigger: 'axis' }, legend: { top: 0, textStyle: font }, grid: { left: 50, right: 50, top: 58, bottom: 40 } };

/** A figure with no data is a gap in a chart, never a 0. */
export const orNull = (value: number | null, scale = 1) => (value === null ? null : Math.round(value * scale * 10) / 10);

/** 每日取号与办结: a line each, the day as MM-DD. */
export function dayChart(summary: CitySummary | null): EChartsCoreOption {
  const days = summary?.byDay ?? [];
  return {
    ...base,
    xAxis: { type: 'category', data: days.map((g) => g.label.slice(5)), axisLabel: font },
    yAxis: { type: 'value', name: '人次', axisLabel: font },
    series: [
      { name: '取号', type: 'line', data: days.map((g) => g.issued), itemStyle: { color: BLUE }, showSymbol: days.length < 40 },
      { name: '办结', type: 'line', data: days.map((g) => g.served), itemStyle: { color: GREEN }, showSymbol: days.length < 40 },
    ],
  };
}

/** 各业务等候: average and P90 wait in minutes as bars, the service level (%) as a line. */
export function serviceChart(summary: CitySummary | null): EChartsCoreOption {
  const services = summary?.byService ?? [];
  return {
    ...base,
    xAxis: { type: 'category', data: services.map((g) => g.label), axisLabel: axis },
    yAxis: [{ type: 'value', name: '分钟', axisLabel: font }, { type: 'value', name: '达标率%', max: 100, axisLabel: font }],
    series: [
      { name: '平均等候(分)', type: 'bar', data: services.map((g) => orNull(g.avgWaitSeconds, 1 / 60)), itemStyle: { color: BLUE } },
      { name: 'P90等候(分)', type: 'bar', data: services.map((g) => orNull(g.p90WaitSeconds, 1 / 60)), itemStyle: { color: ORANGE } },
      { name: '达标率%', type: 'line', yAxisIndex: 1, data: services.map((g) => orNull(g.serviceLevel, 100)), itemStyle: { color: GREEN } },
    ],
  };
}

/** 各层级等候与满意度: average and P90 wait per level (the server's exact by-level figures), satisfaction as a line. */
export function levelChart(levels: readonly LevelFigures[]): EChartsCoreOption {
  return {
    ...base,
    xAxis: { type: 'category', data: levels.map((l) => zh.level[l.level]), axisLabel: axis },
    yAxis: [{ type: 'value', name: '分钟', axisLabel: font }, { type: 'value', name: '满意度', min: 0, max: 5, axisLabel: font }],
    series: [
      { name: '平均等候(分)', type: 'bar', data: levels.map((l) => orNull(l.avgWaitSeconds, 1 / 60)), itemStyle: { color: BLUE } },
      { name: 'P90等候(分)', type: 'bar', data: levels.map((l) => orNull(l.p90WaitSeconds, 1 / 60)), itemStyle: { color: ORANGE } },
      { name: '满意度', type: 'line', yAxisIndex: 1, data: levels.map((l) => l.satisfaction.average), itemStyle: { color: GREEN } },
    ],
  };
}
