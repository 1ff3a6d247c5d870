import {
  closeFollowUpBodySchema, excludeRatingBodySchema, idParamSchema, rankingQuerySchema, ratingListQuerySchema, reportRangeQuerySchema,
} from '@hall/shared';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { csvLine, UTF8_BOM } from '../reports/csv';
import { buildDashboard } from '../reports/dashboard';
import { monthRange, rankBySatisfaction } from '../reports/ranking';
import { REPORT_TABLES, reportTable, type ReportTableName } from '../reports/tables';
import { summaryWorkbook } from '../reports/xlsx';
import { hallSettings } from '../services/context';
import type { RouteServices } from '../services/route-services';
import { actorOf, allow } from './guards';
import { parse } from './parse';

const MANAGER = allow({ role: 'manager' });
/** How many closed follow-ups the list shows after the open ones (a year holds tens of thousands). */
const followUpListQuerySchema = z.object({ closed: z.coerce.number().int().min(0).max(5000).default(200) });

const STATE_ZH: Record<string, string> = {
  waiting: '等候', called: '已叫号', serving: '办理中', done: '已办结', no_show: '过号', parked: '挂起', cancelled: '已取消',
};
const OUTCOME_ZH: Record<string, string> = { resolved: '办结', pending: '待补正', referred: '转介' };

const CSV_HEADER = [
  '日期', '号码', '业务', '原业务', '优先', '状态', '取号时间', '叫号时间', '开始办理', '办结时间', '等候秒数', '办理秒数',
  '窗口', '工作人员', '重呼次数', '办理结果', '备注', '评价',
];

function sendCsv(reply: FastifyReply, filename: string, body: string) {
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .send(body);
}

/** Reports and exports, the live dashboard, bad-rating follow-ups, 申诉复核 and the monthly ranking. */
export function registerManagerRoutes(app: FastifyInstance, services: RouteServices) {
  const { ratings, ctx, reports, admin: review } = services;
  const local = (ms: number | null) =>
    ms === null ? '' : new Date(ms).toLocaleString('sv-SE', { timeZone: ctx.timeZone }).replace('T', ' ');

  app.get('/api/dashboard', { preHandler: MANAGER }, async () => buildDashboard(services, reports));

  app.get('/api/reports/summary', { preHandler: MANAGER }, async (request) => {
    const { from, to } = parse(reportRangeQuerySchema, request.query);
    return reports.summary(from, to);
  });

  for (const name of Object.keys(REPORT_TABLES) as ReportTableName[]) {
    app.get(`/api/reports/${name}.csv`, { preHandler: MANAGER }, async (request, reply) => {
      const { from, to } = parse(reportRangeQuerySchema, request.query);
      const table = reportTable(reports.summary(from, to), name);
      return sendCsv(reply, `${name}-${from}-${to}.csv`, UTF8_BOM + csvLine(table.header) + table.rows.map(csvLine).join(''));
    });
  }

  app.get('/api/reports/summary.xlsx', { preHandler: MANAGER }, async (request, reply) => {
    const { from, to } = parse(reportRangeQuerySchema, request.query);
    const workbook = summaryWorkbook(reports.summary(from, to), hallSettings(ctx).hallName);
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="summary-${from}-${to}.xlsx"`)
      .send(workbook);
  });

  app.get('/api/reports/tickets.csv', { preHandler: MANAGER }, async (request, reply) => {
    const { from, to } = parse(reportRangeQuerySchema, request.query);
    let body = UTF8_BOM + csvLine(CSV_HEADER);
    for (const row of reports.ticketRows(from, to)) {
      const wait = row.first_called_at === null ? null : Math.round((row.first_called_at - row.issued_at) / 1000);
      const service = row.state === 'done' && row.started_at !== null && row.finished_at !== null ? Math.round((row.finished_at - row.started_at) / 1000) : null;
      body += csvLine([
        row.hall_day, row.number, row.service_code, row.original_service_code, row.priority === 'priority' ? '是' : '否',
        STATE_ZH[row.state] ?? row.state, local(row.issued_at), local(row.first_called_at), local(row.started_at), local(row.finished_at),
        wait, service, row.counter_name, row.staff_name, row.recall_count, row.outcome ? OUTCOME_ZH[row.outcome] : '', row.note, row.score,
      ]);
    }
    return sendCsv(reply, `tickets-${from}-${to}.csv`, body);
  });

  app.get('/api/reports/ranking', { preHandler: MANAGER }, async (request) => {
    const { month, minRatings } = parse(rankingQuerySchema, request.query);
    const { from, to } = monthRange(month);
    const summary = reports.summary(from, to);
    return {
      month, from, to, minRatings, hallName: hallSettings(ctx).hallName,
      counters: rankBySatisfaction(summary.byCounter, minRatings),
      staff: rankBySatisfaction(summary.byStaff, minRatings),
    };
  });

  app.get('/api/follow-ups', { preHandler: MANAGER }, async (request) => {
    const { closed } = parse(followUpListQuerySchema, request.query);
    return ratings.followUps(closed);
  });

  app.post('/api/follow-ups/:id/close', { preHandler: MANAGER }, async (request) => {
    const { id } = parse(idParamSchema, request.params);
    const { outcome } = parse(closeFollowUpBodySchema, request.body);
    return ratings.close(id, outcome, actorOf(request));
  });

  app.get('/api/ratings', { preHandler: MANAGER }, async (request) => {
    const { from, to, maxScore, excluded } = parse(ratingListQuerySchema, request.query);
    return review.ratings(from, to, maxScore, excluded);
  });

  app.post('/api/ratings/:id/exclude', { preHandler: MANAGER }, async (request) => {
    const { id } = parse(idParamSchema, request.params);
    const { reason } = parse(excludeRatingBodySchema, request.body);
    const excluded = ratings.exclude(id, reason, actorOf(request));
    // The day's satisfaction changed: its rollup is rebuilt on the next report.
    reports.ratingChanged(id);
    return excluded;
  });
}
