// The 依申请公开 table of 2024 and of March 2024 on hand-made requests: each row counted by
// outcome and reason, what is carried in and out, and 一 + 二 = （七）总计 + 四.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { shanghaiTime as at } from '../../routing/calendar';
import { routeEverythingByHand } from '../../tests/helpers';
import { actOn, db, dispatcher, handler, intakeAt, reviewer } from '../../tests/practice-steps';
import { loadPeriodFigures } from './monthly-figures';
import { parseMonth, parseYear } from './monthly-figures-period';

const NOW = at('2025-06-01', 12);
const REPLY = '您申请公开的信息已按《政府信息公开条例》的规定办理，办理结果见本答复书。';

/** A disclosure request received on `day`, answered on `repliedDay` with `disclosure` if given. */
async function request(day: string, repliedDay?: string, disclosure?: Record<string, string>) {
  const t = await intakeAt(at(day, 10));
  const act = actOn(t.ticketNo);
  await act('dispatch', dispatcher, { departmentCode: 'zjj', type: '依申请公开' }, at(day, 10, 5));
  await act('sign', handler('zjj'), {}, at(day, 10, 10));
  if (repliedDay) {
    await act('reply', handler('zjj'), { text: REPLY, disclosure }, at(repliedDay, 10));
    await act('approve', reviewer('zjj'), {}, at(repliedDay, 11));
  }
  return t.ticketNo;
}

beforeAll(async () => {
  await routeEverythingByHand();
  await request('2023-11-01', '2023-11-20', { outcome: 'disclosed' }); // answered the year before: not in 2024
  await request('2023-12-20', '2024-01-10', { outcome: 'disclosed' }); // 二 → (一)
  await request('2023-12-28'); // 二 → 四
  await request('2024-03-01', '2024-03-20', { outcome: 'withheld', reason: 'third_party_rights' });
  await request('2024-05-01', '2024-05-20', { outcome: 'unavailable', reason: 'not_held' });
  await request('2024-06-03', '2024-06-20', { outcome: 'unavailable', reason: 'not_held' });
  await request('2024-10-08', '2024-10-25', { outcome: 'partly_disclosed' });
  await request('2024-12-30'); // 一 → 四
  await request('2024-11-01', '2025-01-06', { outcome: 'disclosed' }); // 一 → 四 (answered in 2025)
  // A reply stored before outcomes were recorded: counted as 其他处理/其他.
  const old = await request('2024-08-01', '2024-08-20', { outcome: 'disclosed' });
  await env.DB.prepare(
    'UPDATE replies SET disclosure = NULL WHERE ticket_id = (SELECT id FROM tickets WHERE ticket_no = ?)',
  )
    .bind(old)
    .run();
  // Closed by the centre without a department's reply: answered, as 其他处理/其他.
  const direct = await intakeAt(at('2024-09-02', 10), { hints: { type: '依申请公开' } });
  await actOn(direct.ticketNo)(
    'close',
    dispatcher,
    { kind: 'direct_answer', directAnswer: '该信息已主动公开，请登录市政府门户网站查询。' },
    at('2024-09-02', 11),
  );
  // A merged duplicate request, and another type's reply: neither counts.
  const dup = await intakeAt(at('2024-08-25', 10), { hints: { type: '依申请公开' } });
  await actOn(dup.ticketNo)('merge', dispatcher, { intoTicketNo: old }, at('2024-08-25', 11));
  const help = await intakeAt(at('2024-04-01', 10));
  await actOn(help.ticketNo)('dispatch', dispatcher, { departmentCode: 'zjj', type: '求助' }, at('2024-04-01', 10));
});

const countOf = (table: { rows: Array<{ label: string; number: string; counts: { total: number } | null }> }) => {
  const byRow = new Map<string, number | null>();
  let outcome = '';
  for (const r of table.rows) {
    if (r.number.startsWith('（')) outcome = r.label.slice(0, 4);
    const key = r.number.endsWith('.') ? `${outcome}/${r.label}` : r.label;
    byRow.set(key, r.counts?.total ?? null);
  }
  return (key: string) => byRow.get(key);
};

describe('the 依申请公开 table', () => {
  it('counts the year by outcome and reason, with what was carried in and out', async () => {
    const { disclosure } = await loadPeriodFigures(db, parseYear('2024', NOW)!, NOW);
    const n = countOf(disclosure);
    expect(n('本年新收政府信息公开申请数量')).toBe(8);
    expect(n('上年结转政府信息公开申请数量')).toBe(2);
    expect(n('本年度办理结果')).toBeNull();
    expect(n('予以公开')).toBe(1);
    expect(n('部分公开（区分处理的，只计这一情形，不计其他情形）')).toBe(1);
    expect(n('不予公开')).toBe(1);
    expect(n('不予公开/保护第三方合法权益')).toBe(1);
    expect(n('不予公开/属于国家秘密')).toBe(0);
    expect(n('无法提供')).toBe(2);
    expect(n('无法提供/本机关不掌握相关政府信息')).toBe(2);
    expect(n('不予处理')).toBe(0);
    expect(n('其他处理')).toBe(2);
    expect(n('其他处理/其他')).toBe(2);
    expect(n('总计')).toBe(7);
    expect(n('结转下年度继续办理')).toBe(3);
    expect(disclosure.received + disclosure.carriedIn).toBe(disclosure.answered + disclosure.carriedOut);
    // Six outcomes, 19 reasons, 一 二 三 （七） 四.
    expect(disclosure.rows).toHaveLength(6 + 19 + 5);
    // Every request is a resident's: all under 自然人, none under 法人或其他组织.
    const first = disclosure.rows[0]!.counts!;
    expect(first).toEqual({
      natural: 8,
      commercial: 0,
      research: 0,
      public_interest: 0,
      legal_services: 0,
      other_org: 0,
      total: 8,
    });
  });

  it('counts a month the same way, in the month’s words', async () => {
    const { disclosure } = await loadPeriodFigures(db, parseMonth('2024-03', NOW)!, NOW);
    const n = countOf(disclosure);
    // Received 3/1 and answered 3/20; the request of 12/28 still open at both ends.
    expect(n('本月新收政府信息公开申请数量')).toBe(1);
    expect(n('上月结转政府信息公开申请数量')).toBe(1);
    expect(n('不予公开/保护第三方合法权益')).toBe(1);
    expect(n('总计')).toBe(1);
    expect(n('结转下月继续办理')).toBe(1);
  });
});
