// Which words are a consent answer, in TypeScript and in SQL alike, and which ticket an answer is
// about: the rule of tickets/awaiting-consent.ts at fixed instants.
import { env } from 'cloudflare:test';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../db/client';
import { tickets } from '../db/schema';
import { fakeQueue, inboundMessage, routeEverythingByHand } from '../tests/helpers';
import { consentAnswerColumn, consentOfText, ticketAwaitingConsent } from './awaiting-consent';
import { intakeMessage } from './intake';
import { systemActor } from './lifecycle/actor';
import { applyAction } from './lifecycle/apply-action';

beforeAll(routeEverythingByHand);

const testEnv = { ...env, JOBS: fakeQueue().queue };
const db = openDb(env.DB);
const DAY = 86_400_000;

const answers: Array<[string, boolean | null]> = [
  ['同意公开', true],
  [' 同意！', true],
  ['公开。', true],
  ['“同意公开”', true],
  ['不公开', false],
  ['不同意。。', false],
  ['　不要公开～', false],
  ['同意公开，谢谢', null],
  ['我不同意这个答复', null],
  ['公开公开', null],
  ['1', null],
];

async function wechatTicket(openId: string, text: string, at: number) {
  const m = inboundMessage({
    channel: 'wechat',
    sender: { openId },
    text,
    receivedAt: new Date(at).toISOString(),
    consentToPublish: false,
  });
  return intakeMessage(testEnv, m, { acknowledge: false, now: at });
}

describe('consent answers', () => {
  it('are the listed words, trimmed of spaces and punctuation at both ends, on a chat channel only', async () => {
    for (const [text, consent] of answers) expect([text, consentOfText('wechat', text)]).toEqual([text, consent]);
    expect(consentOfText('wechaty', '同意公开')).toBe(true);
    expect(consentOfText('mailbox', '同意公开')).toBeNull();
    expect(consentOfText('sms', '不公开')).toBeNull();
  });

  it('read the same in SQL, so intake queues a follow-up for exactly these', async () => {
    const now = Date.now();
    for (const [i, [text, consent]] of answers.entries()) {
      const t = await wechatTicket(`oConsentSql${i}`, text, now);
      const [row] = await db.select({ flag: consentAnswerColumn }).from(tickets).where(eq(tickets.id, t.ticketId));
      expect([text, row!.flag]).toEqual([text, consent === null ? 0 : 1]);
    }
  });
});

describe('the ticket an answer is about', () => {
  it('grants on the latest eligible ticket of 7 days and withdraws the latest consented one however old', async () => {
    const openId = 'oConsentRule01';
    const now = Date.UTC(2026, 10, 20, 2);
    const old = await wechatTicket(openId, '滨江路的路灯不亮已经好几天了。', now - 30 * DAY);
    await db.update(tickets).set({ consentToPublish: true }).where(eq(tickets.id, old.ticketId));
    const recent = await wechatTicket(openId, '滨江路口的红绿灯坏了。', now - 6 * DAY);
    const invalid = await wechatTicket(openId, '测试一下。', now - DAY);
    await applyAction({ db, env: testEnv }, invalid.ticketNo, 'close', systemActor, {
      kind: 'invalid',
      reason: '测试',
    });
    const pending = await wechatTicket(openId, '同意公开', now - 1000);
    const key = { openId };

    // The invalid ticket has nothing to publish and the pending answer is no ticket to answer about.
    expect((await ticketAwaitingConsent(db, key, 'wechat', true, now))?.ticketNo).toBe(recent.ticketNo);
    expect((await ticketAwaitingConsent(db, key, 'wechat', false, now))?.ticketNo).toBe(old.ticketNo);
    expect((await ticketAwaitingConsent(db, key, 'wechaty', true, now))?.ticketNo).toBeUndefined();
    // A day later the recent ticket is past the week: nothing to grant on, still the old to withdraw.
    expect(await ticketAwaitingConsent(db, key, 'wechat', true, now + DAY)).toBeNull();
    expect((await ticketAwaitingConsent(db, key, 'wechat', false, now + DAY))?.ticketNo).toBe(old.ticketNo);
    // Withdrawn, the old one is no longer what 不公开 is about: the recent one, as a plain no.
    await db.update(tickets).set({ consentToPublish: false }).where(eq(tickets.id, old.ticketId));
    const no = await ticketAwaitingConsent(db, key, 'wechat', false, now, pending.ticketId);
    expect(no).toMatchObject({ ticketNo: recent.ticketNo, answered: false });
  });
});
