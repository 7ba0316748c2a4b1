// The CSV writer on its own: the exact bytes of a small table (BOM, CRLF, RFC 4180 quoting),
// numbers as they are, empty for null, and no formula a spreadsheet would run.
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../tests/stats-api';
import { attachmentDisposition, toCsv } from './csv';

type Row = { name: string; rate: number | null; n: number };
const columns = [
  { label: '名称', value: (r: Row) => r.name },
  { label: '比率', value: (r: Row) => r.rate },
  { label: '数量', value: (r: Row) => r.n },
];

describe('toCsv', () => {
  it('writes a BOM, the header, then CRLF-ended records, quoting only where RFC 4180 needs it', () => {
    const rows: Row[] = [
      { name: '市城市管理局', rate: 2 / 3, n: 3 },
      { name: '说"好",再议', rate: null, n: 0 },
      { name: '两行\r\n文字', rate: 1, n: 12 },
    ];
    expect(toCsv(columns, rows)).toBe(
      '\uFEFF名称,比率,数量\r\n' +
        '市城市管理局,0.6666666666666666,3\r\n' +
        '"说""好"",再议",,0\r\n' +
        '"两行\r\n文字",1,12\r\n',
    );
    const [, ...records] = parseCsv(toCsv(columns, rows).slice(1));
    expect(records.map((r) => r[0])).toEqual(rows.map((r) => r.name));
    expect(Number(records[0]![1])).toBe(2 / 3);
  });

  it('keeps a resident’s text that starts like a formula from running in a spreadsheet', () => {
    const rows: Row[] = [
      { name: '=HYPERLINK("http://evil.test","点我")', rate: null, n: 1 },
      { name: '+1', rate: null, n: 1 },
      { name: '@SUM(A1)', rate: null, n: 1 },
    ];
    const [, ...records] = parseCsv(toCsv(columns, rows).slice(1));
    expect(records.map((r) => r[0])).toEqual(['\'=HYPERLINK("http://evil.test","点我")', "'+1", "'@SUM(A1)"]);
  });

  it('writes only the header for an empty table', () => {
    expect(toCsv(columns, [])).toBe('\uFEFF名称,比率,数量\r\n');
  });
});

describe('attachmentDisposition', () => {
  it('names the file in ASCII and, for clients that read it, in Chinese', () => {
    expect(attachmentDisposition('stats-trend-2026-11-01-2026-11-30.csv', '趋势-2026-11-01至2026-11-30.csv')).toBe(
      'attachment; filename="stats-trend-2026-11-01-2026-11-30.csv"; ' +
        "filename*=UTF-8''%E8%B6%8B%E5%8A%BF-2026-11-01%E8%87%B32026-11-30.csv",
    );
    expect(attachmentDisposition('stats-"x"\r\n.csv', '表.csv')).toMatch(/^attachment; filename="stats-_x___.csv";/);
  });
});
