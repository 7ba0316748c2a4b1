// Which ticket a resident's bare digit rates, at fixed instants: the latest answer of theirs not yet
// rated in its round, replied within 7 days; after 重办 the new answer awaits its own rating.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../db/client';
import { fakeQueue, inboundMessage, routeEverythingByHand } from '../tests/helpers';
import { ratingOfText, ticketAwaitingRating } from './awaiting-rating';
import { intakeMessage } from './intake';
import type { Actor } from './lifecycle/actor';
import { applyAction } from './lifecycle/apply-action';
import { rateTicket } from './lifecycle/rate-ticket';
import { messageTexts } from './outbox';

beforeAll(routeEverythingByHand);

const testEnv = { ...env, JOBS: fakeQueue().queue };
const lifecycle = { db: openDb(env.DB), env: testEnv };
const dispatcher: Actor = { id: 'staff-dispatcher', role: 'dispatcher', departmentCode: 'centre' };
const handler: Actor = { id: 'staff-cgj-handler', role: 'handler', departmentCode: 'cgj' };
const reviewer: Actor = { id: 'staff-cgj-reviewer', role: 'reviewer', departmentCode: 'cgj' };
const DAY = 86_400_000;
const repliedAt = Date.UTC(2026, 10, 2, 2); // 2026-11-02 10:00 in Shanghai

async function answer(ticketNo: string, at: number) {
  for (const [action, actor, input] of [
    ['dispatch', dispatcher, { departmentCode: 'cgj' }],
    ['sign', handler, {}],
    ['reply', handler, { text: '经核查，该路段井盖已于今日更换并加固。' }],
    ['approve', reviewer, {}],
  ] as const) {
    await applyAction(lifecycle, ticketNo, action, actor, input, { now: at });
  }
}

describe('the ticket awaiting a rating', () => {
  it('is the answered ticket within 7 days of its reply, by contact or OpenID, once per round', async () => {
    const openId = 'oAwaitingRating01';
    const created = await intakeMessage(
      testEnv,
      inboundMessage({
        channel: 'wechat',
        sender: { openId },
        text: '人民路88号门口井盖松动，车辆经过响声很大，存在安全隐患。',
      }),
      { acknowledge: false },
    );
    await answer(created.ticketNo, repliedAt);
    const row = (await lifecycle.db.query.tickets.findFirst({ where: (t, { eq }) => eq(t.id, created.ticketId) }))!;
    const found = async (at: number, key: { openId: string } | { contactId: string } = { openId }) =>
      (await ticketAwaitingRating(lifecycle.db, key, at))?.ticketNo ?? null;

    expect(await found(repliedAt + 7 * DAY - 1)).toBe(created.ticketNo);
    expect(await found(repliedAt + DAY, { contactId: row.contactId! })).toBe(created.ticketNo);
    expect(await found(repliedAt + 7 * DAY + 1)).toBeNull();
    expect(await found(repliedAt + DAY, { openId: 'oSomeoneElse' })).toBeNull();

    const rated = await rateTicket(
      lifecycle,
      row,
      { satisfaction: 'dissatisfied', resolved: false },
      {
        now: repliedAt + DAY,
      },
    );
    expect(await found(repliedAt + DAY + 1)).toBeNull();
    // 重办: the new answer (round 1) awaits a rating of its own.
    await applyAction(
      lifecycle,
      rated.ticketNo,
      'reopen',
      dispatcher,
      { reason: '群众不满意' },
      { now: repliedAt + 2 * DAY },
    );
    expect(await found(repliedAt + 2 * DAY + 1)).toBeNull();
    await answer(created.ticketNo, repliedAt + 3 * DAY);
    expect(await found(repliedAt + 3 * DAY + 1)).toBe(created.ticketNo);
  });

  it('takes only a bare 1, 2 or 3 on a chat channel as a rating', () => {
    expect(ratingOfText('wechat', '3')).toEqual({ satisfaction: 'dissatisfied', resolved: false });
    expect(ratingOfText('wechaty', '2')).toEqual({ satisfaction: 'basically_satisfied', resolved: true });
    expect(ratingOfText('wechat', ' 1 ')).toEqual({ satisfaction: 'satisfied', resolved: true });
    for (const text of ['4', '0', '12', '3号楼漏水', '１']) expect(ratingOfText('wechat', text)).toBeNull();
    expect(ratingOfText('web', '1')).toBeNull();
  });

  it('is invited by the reply message on a chat channel only; elsewhere the link alone', () => {
    const link = 'https://hub.example.gov.cn/track?no=A1&code=123456';
    expect(messageTexts.reply('A1', '市城市管理局', '已修复。', link, [], true)).toBe(
      `您的工单 A1 已由市城市管理局答复：已修复。\n请对办理结果进行评价，回复 1 满意，2 基本满意，3 不满意；也可在此评价：${link}`,
    );
    expect(messageTexts.reply('A1', '市城市管理局', '已修复。', link)).toBe(
      `您的工单 A1 已由市城市管理局答复：已修复。\n请对办理结果进行评价：${link}`,
    );
  });
});
