import { csvLine, UTF8_BOM } from '../reports/csv';
import { buildDashboard } from '../reports/dashboard';
import { monthRange, rankBySatisfaction } from '../reports/ranking';
import type { ReportService } from '../reports/report-service';
import { reportTable, type ReportTableName } from '../reports/tables';
import { summaryWorkbook } from '../reports/xlsx';
import { hallSettings, type Actor } from './context';
import type { HallServices } from './hall-services';

const STATE_ZH: Record<string, string> = {
  waiting: '等候', called: '已叫号', serving: '办理中', done: '已办结', no_show: '过号', parked: '挂起', cancelled: '已取消',
};
const OUTCOME_ZH: Record<string, string> = { resolved: '办结', pending: '待补正', referred: '转介' };

const TICKETS_CSV_HEADER = [
  '日期', '号码', '业务', '原业务', '优先', '状态', '取号时间', '叫号时间', '开始办理', '办结时间', '等候秒数', '办理秒数',
  '窗口', '工作人员', '重呼次数', '办理结果', '备注', '评价',
];

export type ManagerConsole = ReturnType<typeof createManagerConsole>;

/** What the manager console reads and exports beyond the report service: dashboard, files, ranking, 申诉复核. */
export function createManagerConsole(services: HallServices, reports: ReportService) {
  const { ctx, ratings } = services;
  const local = (ms: number | null) =>
    ms === null ? '' : new Date(ms).toLocaleString('sv-SE', { timeZone: ctx.timeZone }).replace('T', ' ');

  return {
    /** Today at a glance (see reports/dashboard). */
    dashboard: () => buildDashboard(services, reports),

    /** One report table as CSV (UTF-8 with BOM, so Excel opens the Chinese). */
    reportCsv(name: ReportTableName, from: string, to: string): string {
      const table = reportTable(reports.summary(from, to), name);
      return UTF8_BOM + csvLine(table.header) + table.rows.map(csvLine).join('');
    },

    /** The whole summary as an Excel workbook. */
    summaryXlsx: (from: string, to: string): Buffer => summaryWorkbook(reports.summary(from, to), hallSettings(ctx).hallName),

    /** Every ticket of the range with its times in hall time, one CSV row each. */
    ticketsCsv(from: string, to: string): string {
      let body = UTF8_BOM + csvLine(TICKETS_CSV_HEADER);
      for (const row of reports.ticketRows(from, to)) {
        const wait = row.first_called_at === null ? null : Math.round((row.first_called_at - row.issued_at) / 1000);
        const service = row.state === 'done' && row.started_at !== null && row.finished_at !== null ? Math.round((row.finished_at - row.started_at) / 1000) : null;
        body += csvLine([
          row.hall_day, row.number, row.service_code, row.original_service_code, row.priority === 'priority' ? '是' : '否',
          STATE_ZH[row.state] ?? row.state, local(row.issued_at), local(row.first_called_at), local(row.started_at), local(row.finished_at),
          wait, service, row.counter_name, row.staff_name, row.recall_count, row.outcome ? OUTCOME_ZH[row.outcome] : '', row.note, row.score,
        ]);
      }
      return body;
    },

    /** The month's counters and staff by satisfaction (those with at least `minRatings` ratings). */
    ranking(month: string, minRatings: number) {
      const { from, to } = monthRange(month);
      const summary = reports.summary(from, to);
      return {
        month, from, to, minRatings, hallName: hallSettings(ctx).hallName,
        counters: rankBySatisfaction(summary.byCounter, minRatings),
        staff: rankBySatisfaction(summary.byStaff, minRatings),
      };
    },

    /** 申诉复核: takes a rating out of the statistics; the day's rollup is rebuilt on the next report. */
    excludeRating(ratingId: number, reason: string, actor: Actor) {
      const excluded = ratings.exclude(ratingId, reason, actor);
      reports.ratingChanged(ratingId);
      return excluded;
    },
  };
}
