import { writeXlsx, type SheetSpec } from '@hall/shared/reports';
import type { SummaryReport } from './report-service';
import { overviewLines, REPORT_TABLES, reportTable, type ReportTableName } from './tables';

/** The summary as an Excel workbook: an overview sheet and one sheet per report table. */
export function summaryWorkbook(summary: SummaryReport, hallName: string): Buffer {
  const overview: SheetSpec = { name: '总览', rows: [[`${hallName} 服务统计`], ...overviewLines(summary)], widths: [30, 26] };
  const tables = (Object.keys(REPORT_TABLES) as ReportTableName[]).map((name): SheetSpec => {
    const table = reportTable(summary, name);
    return {
      name: table.title,
      rows: [table.header, ...table.rows],
      widths: table.header.map((header, index) => (index === 0 ? 18 : Math.max(8, header.length * 2 + 2))),
      freezeHeader: true,
    };
  });
  const bytes = writeXlsx([overview, ...tables], hallName);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
