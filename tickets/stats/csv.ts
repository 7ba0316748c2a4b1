// CSV downloads of the leaders' tables (DESIGN.md "Stats API", `format=csv`): RFC 4180 (fields
// with a comma, a quote or a line break are quoted, quotes doubled; CRLF between records), UTF-8
// with a byte-order mark so that Excel opens the Chinese column labels as Chinese. Numbers are
// written exactly as the JSON has them (no rounding), empty for null. A text field that starts
// like a formula (= + - @) is prefixed with ' so a spreadsheet shows it instead of running it:
// residents' words reach these files (a hot spot's title).

/** One column: its label (the header row) and its value in a row. */
export interface CsvColumn<T> {
  label: string;
  value: (row: T) => string | number | null | undefined;
}

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

function field(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The table as a CSV document: BOM, the header row, then one record a row. */
export function toCsv<T>(columns: ReadonlyArray<CsvColumn<T>>, rows: readonly T[]): string {
  const records = [columns.map((c) => field(c.label)), ...rows.map((r) => columns.map((c) => field(c.value(r))))];
  return `\uFEFF${records.map((r) => r.join(',')).join('\r\n')}\r\n`;
}

/**
 * `attachment` with an ASCII file name for every client and the Chinese one (RFC 6266
 * `filename*`) for those that read it.
 */
export function attachmentDisposition(asciiName: string, chineseName: string): string {
  const ascii = asciiName.replace(/[^A-Za-z0-9._-]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(chineseName)}`;
}
