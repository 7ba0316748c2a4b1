// Intake's cost: one D1 round trip per message, whatever the channel needs (a chat message
// joining its conversation, the channel's own state, a per-address rate limit), and at most one
// queue message per isolate a second for the acknowledgements.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { fakeQueue, inboundMessage, observeD1 } from '../tests/helpers';
import { intakeMessage } from './intake';

describe('round trips', () => {
  it('takes a message in one D1 call, for every shape of intake', async () => {
    const { db, calls } = observeD1(env.DB);
    const { queue } = fakeQueue();
    const counted = { ...env, DB: db, JOBS: queue };
    // The counter itself: a statement on its own and a batch are one call each.
    await db.prepare('SELECT 1').first();
    await db.batch([db.prepare('SELECT 1'), db.prepare('SELECT 2')]);
    expect(calls()).toBe(2);
    // The routing context and the working calendar are cached per isolate: load them first.
    await intakeMessage(counted, inboundMessage({}));

    const cases: Array<[string, () => Promise<unknown>]> = [
      ['a plain message with an acknowledgement', () => intakeMessage(counted, inboundMessage({}))],
      [
        'a chat message that starts a conversation',
        () =>
          intakeMessage(counted, inboundMessage({ channel: 'wechat', sender: { openId: 'o-rt-1' } }), {
            appendWindowMs: 600_000,
            acknowledge: false,
          }),
      ],
      [
        'a chat message that joins it, with the channel’s own statement',
        () =>
          intakeMessage(counted, inboundMessage({ channel: 'wechat', sender: { openId: 'o-rt-1' } }), {
            appendWindowMs: 600_000,
            acknowledge: false,
            alongside: [
              db.prepare(
                `INSERT INTO channel_tokens (key, value, expires_at) VALUES ('test:rt', '1', 0)
                 ON CONFLICT(key) DO NOTHING`,
              ),
            ],
          }),
      ],
      [
        'a letter counted against its address',
        () =>
          intakeMessage(counted, inboundMessage({ channel: 'mailbox' }), {
            rateLimit: { key: 'mailbox:198.51.100.9', rule: { limit: 5, windowMs: 600_000 } },
          }),
      ],
    ];
    for (const [name, run] of cases) {
      const before = calls();
      await run();
      expect({ name, calls: calls() - before }).toEqual({ name, calls: 1 });
    }
  });

  it('rings the doorbell once for many acknowledgements in the same second', async () => {
    const { sent, queue } = fakeQueue();
    const withQueue = { ...env, JOBS: queue };
    const results = await Promise.all(Array.from({ length: 6 }, () => intakeMessage(withQueue, inboundMessage({}))));
    expect(sent).toEqual([{ body: { kind: 'deliver_due' }, delaySeconds: 1 }]);
    const ids = JSON.stringify(results.map((r) => r.ticketId));
    const pending = await env.DB.prepare(
      `SELECT count(*) AS n FROM outbox
       WHERE status = 'pending' AND kind = 'ack' AND ticket_id IN (SELECT value FROM json_each(?))`,
    )
      .bind(ids)
      .first<{ n: number }>();
    expect(pending!.n).toBe(6);
  });
});
