import ExcelJS from 'exceljs';
import type { SummaryReport } from './report-service';
import { overviewLines, REPORT_TABLES, reportTable, type ReportTableName } from './tables';

/** The summary as an Excel workbook: an overview sheet and one sheet per report table. */
export async function summaryWorkbook(summary: SummaryReport, hallName: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = hallName;
  const overview = workbook.addWorksheet('总览');
  overview.addRow([`${hallName} 服务统计`]).font = { bold: true, size: 14 };
  for (const line of overviewLines(summary)) overview.addRow(line);
  overview.getColumn(1).width = 30;
  overview.getColumn(2).width = 26;
  for (const name of Object.keys(REPORT_TABLES) as ReportTableName[]) {
    const table = reportTable(summary, name);
    const sheet = workbook.addWorksheet(table.title);
    sheet.addRow(table.header).font = { bold: true };
    sheet.addRows(table.rows);
    sheet.views = [{ state: 'frozen', ySplit: 1, xSplit: 1 }];
    table.header.forEach((header, index) => {
      sheet.getColumn(index + 1).width = index === 0 ? 18 : Math.max(8, header.length * 2 + 2);
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
