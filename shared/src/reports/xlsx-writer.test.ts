import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { columnName, writeXlsx } from './xlsx-writer';

describe('columnName', () => {
  it.each([
    [0, 'A'],
    [25, 'Z'],
    [26, 'AA'],
    [51, 'AZ'],
    [701, 'ZZ'],
    [702, 'AAA'],
  ])('%i → %s', (index, expected) => {
    expect(columnName(index)).toBe(expected);
  });
});

describe('writeXlsx', () => {
  it('writes a workbook a real spreadsheet reader opens with the same sheets, text, numbers and bold headers', async () => {
    const bytes = writeXlsx(
      [
        { name: '按业务', rows: [['业务', '取号', '满意度'], ['法律援助', 120, 4.62], ['公证 <A&B> "引号"', 0, null]], freezeHeader: true, widths: [18, 8, 8] },
        { name: 'a/b:c*?[x]', rows: [['只有一格']] },
        { name: '按业务', rows: [['同名表']] },
      ],
      '郑州市公共法律服务大厅',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['按业务', 'a b c   x ', '按业务(2)']);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([undefined, '业务', '取号', '满意度']);
    expect(sheet.getRow(2).values).toEqual([undefined, '法律援助', 120, 4.62]);
    expect(sheet.getCell('A3').value).toBe('公证 <A&B> "引号"');
    expect(sheet.getCell('B3').value).toBe(0);
    expect(sheet.getCell('C3').value).toBeNull();
    expect(sheet.getCell('A1').font?.bold).toBe(true);
    expect(sheet.getCell('A2').font?.bold).toBeFalsy();
    expect(sheet.getColumn(1).width).toBe(18);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 1 });
    expect(workbook.creator).toBe('郑州市公共法律服务大厅');
  });

  it('writes the same bytes for the same report', () => {
    const sheets = [{ name: 'x', rows: [['a', 1]] }];
    expect(writeXlsx(sheets, 'hall')).toEqual(writeXlsx(sheets, 'hall'));
  });
});
