import { describe, expect, it } from 'vitest';
import { csvText } from './csv-export';

describe('console CSV export', () => {
  it('starts with a BOM, ends lines with CRLF, quotes what needs quoting', () => {
    expect(csvText([['名次', '名称', '满意率'], [1, '1号窗口', '98.5%'], [null, '说"好",很好', '—']])).toBe(
      '\uFEFF名次,名称,满意率\r\n1,1号窗口,98.5%\r\n,"说""好"",很好",—\r\n',
    );
  });
  it('defuses a comment that would run as an Excel formula, keeps negative numbers', () => {
    expect(csvText([['=HYPERLINK("x")', -3, '-2.5', '@SUM(A1)']])).toBe('\uFEFF"\'=HYPERLINK(""x"")",-3,-2.5,\'@SUM(A1)\r\n');
  });
});
