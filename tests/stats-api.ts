// Calls to the stats API and the drill-down for the stats tests: JSON, the CSV of the same table
// read back (RFC 4180), and every page of a drill-down list; plus the steps of a ticket's life the
// scenarios repeat (a department's own handler and reviewer, a rating on a fixed clock).
import { env } from 'cloudflare:test';
import { expect } from 'vitest';
import { openDb } from '../db/client';
import { shanghaiTime as at } from '../routing/calendar';
import { intakeMessage } from '../tickets/intake';
import { type RatingInput, rateTicket } from '../tickets/lifecycle/rate-ticket';
import { BASE, fakeQueue, inboundMessage, login, request } from './helpers';
import { actOn, dispatcher, handler, reviewer } from './practice-steps';

const query = (params: Record<string, string>) => new URLSearchParams(params).toString();

export async function statsGet(route: string, params: Record<string, string> = {}, username = 'leader') {
  const res = await request(`${BASE}/api/v1/stats/${route}?${query(params)}`, {
    headers: { authorization: `Bearer ${await login(username)}` },
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

export async function statsCsv(route: string, params: Record<string, string> = {}, username = 'leader') {
  const res = await request(`${BASE}/api/v1/stats/${route}?${query({ ...params, format: 'csv' })}`, {
    headers: { authorization: `Bearer ${await login(username)}` },
  });
  const bytes = new Uint8Array(await res.arrayBuffer());
  return {
    status: res.status,
    headers: res.headers,
    bytes,
    text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes),
  };
}

/** Every ticket number a drill-down lists, following `next` page by page. */
export async function drillAll(params: Record<string, string>, username = 'leader', limit = 2): Promise<string[]> {
  const listed: string[] = [];
  let before: string | null = null;
  for (let page = 0; page < 100; page++) {
    const res = await request(
      `${BASE}/api/v1/tickets?${query({ ...params, limit: String(limit), ...(before ? { before } : {}) })}`,
      { headers: { authorization: `Bearer ${await login(username)}` } },
    );
    const body = (await res.json()) as { items: Array<{ ticketNo: string }>; next: string | null };
    expect(res.status, JSON.stringify(body)).toBe(200);
    listed.push(...body.items.map((i) => i.ticketNo));
    if (!body.next) return listed;
    before = body.next;
  }
  throw new Error('drill-down did not end');
}

/** RFC 4180 read back: quoted fields with doubled quotes, CRLF between records. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let value = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    const two = text.slice(i, i + 2);
    let step = 1;
    if (quoted && two === '""') {
      value += '"';
      step = 2;
    } else if (quoted) {
      if (ch === '"') quoted = false;
      else value += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      record.push(value);
      value = '';
    } else if (two === '\r\n') {
      record.push(value);
      records.push(record);
      record = [];
      value = '';
      step = 2;
    } else value += ch;
    i += step;
  }
  if (value !== '' || record.length > 0) throw new Error('CSV does not end with CRLF');
  return records;
}

/**
 * The CSV of a route equals its JSON row for row: the header is `columns`' labels, and each field
 * reads back as the JSON value of its column (a number exactly, null as an empty field).
 */
export async function expectCsvEqualsJson(
  route: string,
  params: Record<string, string>,
  columns: Array<[label: string, field: string]>,
  rows: Array<Record<string, unknown>>,
  username = 'leader',
) {
  const csv = await statsCsv(route, params, username);
  expect(csv.status).toBe(200);
  expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="stats-[A-Za-z0-9._-]+\.csv"/);
  expect([...csv.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const [header, ...records] = parseCsv(csv.text.slice(1));
  expect(header).toEqual(columns.map(([label]) => label));
  expect(records).toHaveLength(rows.length);
  const asJson = records.map((r, n) =>
    Object.fromEntries(columns.map(([, field], i) => [field, backFromCsv(r[i]!, rows[n]?.[field])])),
  );
  const picked = rows.map((row) => Object.fromEntries(columns.map(([, field]) => [field, row[field]])));
  expect(asJson).toEqual(picked);
}

/** A field read back as the JSON's kind of value: a number as a number, empty as null (or ''). */
function backFromCsv(text: string, json: unknown): unknown {
  if (typeof json === 'number') return text === '' ? null : Number(text);
  if (text === '') return json === '' ? '' : null;
  return text;
}

/** A message taken in at `now` with no follow-up job queued (the test runs it when it wants). */
export async function intakeQuietly(now: number, overrides: Record<string, unknown> = {}) {
  const quiet = { ...env, JOBS: fakeQueue().queue };
  return intakeMessage(quiet, inboundMessage({ receivedAt: new Date(now).toISOString(), ...overrides }), { now });
}

/** Dispatched to `department` at `day` 09:00, signed at 09:10, answered at 10:00 and approved at 10:30. */
export async function answeredBy(ticketNo: string, department: string, day: string, type = '求助') {
  const act = actOn(ticketNo);
  await act('dispatch', dispatcher, { departmentCode: department, type }, at(day, 9));
  await act('sign', handler(department), {}, at(day, 9, 10));
  await act('reply', handler(department), { text: '经核查，问题已处理完毕，特此答复。' }, at(day, 10));
  await act('approve', reviewer(department), {}, at(day, 10, 30));
}

export async function rateAt(ticketNo: string, input: RatingInput, now: number) {
  const db = openDb(env.DB);
  const ticket = (await db.query.tickets.findFirst({ where: (t, { eq }) => eq(t.ticketNo, ticketNo) }))!;
  return rateTicket({ db }, ticket, input, { now });
}

/** Each table's CSV header as a spreadsheet shows it, and the JSON field under each label. */
export const csvColumns: Record<string, Array<[string, string]>> = {
  overview: [
    ['起始日期', 'from'],
    ['截止日期', 'to'],
    ['部门编码', 'department'],
    ['受理量', 'received'],
    ['派单量', 'dispatched'],
    ['签收量', 'signed'],
    ['答复量', 'replied'],
    ['办结量', 'closed'],
    ['超期量', 'overdue'],
    ['即将超期', 'dueSoon'],
    ['响应率', 'responseRate'],
    ['按时办结率', 'onTimeRate'],
    ['解决率', 'resolutionRate'],
    ['满意率', 'satisfactionRate'],
    ['综合得分', 'compositeScore'],
    ['平均签收时长（工作小时）', 'avgSignHours'],
    ['平均答复时长（工作小时）', 'avgReplyHours'],
  ],
  departments: [
    ['名次', 'rank'],
    ['部门编码', 'code'],
    ['部门', 'name'],
    ['受理量', 'received'],
    ['答复量', 'replied'],
    ['超期量', 'overdue'],
    ['响应率', 'responseRate'],
    ['按时办结率', 'onTimeRate'],
    ['解决率', 'resolutionRate'],
    ['满意率', 'satisfactionRate'],
    ['综合得分', 'compositeScore'],
    ['平均签收时长（工作小时）', 'avgSignHours'],
    ['平均答复时长（工作小时）', 'avgReplyHours'],
    ['评价数', 'rated'],
    ['黄灯', 'yellow'],
    ['红灯', 'red'],
  ],
  trend: [
    ['时段', 'period'],
    ['受理量', 'received'],
    ['答复量', 'replied'],
    ['按时办结率', 'onTimeRate'],
    ['满意率', 'satisfactionRate'],
  ],
  breakdown: [
    ['编码', 'key'],
    ['名称', 'label'],
    ['受理量', 'received'],
    ['答复量', 'replied'],
  ],
  hotspots: [
    ['编号', 'id'],
    ['地点', 'place'],
    ['事项', 'title'],
    ['类别', 'category'],
    ['工单数', 'tickets'],
    ['来信群众数', 'residents'],
    ['首次反映', 'firstAt'],
    ['最近反映', 'lastAt'],
    ['近7天', 'lastWeek'],
    ['前7天', 'weekBefore'],
  ],
};
