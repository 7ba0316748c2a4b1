// Writes db/seed/calendar-cn.json: China's public holidays and 调休 working weekends.
// Years the State Council has published come from the chinese-days package (official
// schedules). Years it has not published yet get the statutory holiday days alone (全国年节及
// 纪念日放假办法, 2024 revision), marked `statutory`, for admins to correct when the schedule
// appears. Run again after `npm update chinese-days`: `node scripts/generate-calendar.mjs`.
import { writeFileSync } from 'node:fs';
import chineseDays from 'chinese-days';
import data from 'chinese-days/dist/chinese-days.json' with { type: 'json' };

const FIRST_YEAR = 2024;
const LAST_YEAR = 2027;

/** "Spring Festival,春节,4" → "春节" */
const chineseName = (label) => label.split(',')[1] ?? label;

const rows = new Map();
for (const [date, label] of Object.entries(data.holidays)) {
  const year = Number(date.slice(0, 4));
  if (year >= FIRST_YEAR && year <= LAST_YEAR)
    rows.set(date, { date, kind: 'holiday', name: chineseName(label), source: 'official' });
}
for (const [date, label] of Object.entries(data.workdays)) {
  const year = Number(date.slice(0, 4));
  if (year >= FIRST_YEAR && year <= LAST_YEAR)
    rows.set(date, { date, kind: 'workday', name: `${chineseName(label)}调休上班`, source: 'official' });
}

const publishedYears = new Set([...rows.values()].map((r) => Number(r.date.slice(0, 4))));
const addDays = (iso, n) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const lunar = (y, m, d) =>
  chineseDays.getSolarDateFromLunar(`${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`).date;

for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
  if (publishedYears.has(year)) continue;
  const newYearDay = lunar(year, 1, 1);
  const statutory = [
    [`${year}-01-01`, '元旦'],
    [addDays(newYearDay, -1), '春节'], // 除夕
    [newYearDay, '春节'],
    [addDays(newYearDay, 1), '春节'],
    [addDays(newYearDay, 2), '春节'],
    [chineseDays.getSolarTermDate(year, 4, 'pure_brightness'), '清明'],
    [`${year}-05-01`, '劳动节'],
    [`${year}-05-02`, '劳动节'],
    [lunar(year, 5, 5), '端午'],
    [lunar(year, 8, 15), '中秋'],
    [`${year}-10-01`, '国庆节'],
    [`${year}-10-02`, '国庆节'],
    [`${year}-10-03`, '国庆节'],
  ];
  for (const [date, name] of statutory) rows.set(date, { date, kind: 'holiday', name, source: 'statutory' });
}

const sorted = [...rows.values()].sort((a, b) => a.date.localeCompare(b.date));
writeFileSync(new URL('../db/seed/calendar-cn.json', import.meta.url), `${JSON.stringify(sorted, null, 1)}\n`);
const published = [...publishedYears].sort().join(', ');
console.log(`calendar: ${sorted.length} days, ${FIRST_YEAR}–${LAST_YEAR}; published years: ${published}`);
