// Intake's cost: one D1 round trip per message, whatever the channel needs (a chat message
// joining its conversation, the channel's own state, a per-address rate limit), and at most one
// queue message per isolate a second for the acknowledgements.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { inboundMessageSchema } from './inbound-message';
import { intakeMessage } from './intake';

/** A D1 binding that counts round trips: a batch, or one statement run on its own. */
function countingD1(d1: D1Database) {
  let calls = 0;
  const unwrapped = new WeakMap<object, D1PreparedStatement>();
  const wrap = (statement: D1PreparedStatement): D1PreparedStatement => {
    const proxy = new Proxy(statement, {
      get(target, key) {
        if (key === 'bind') return (...values: unknown[]) => wrap(target.bind(...values));
        if (key === 'run' || key === 'all' || key === 'first' || key === 'raw') {
          return (...args: unknown[]) => {
            calls++;
            return (target[key] as (...a: unknown[]) => unknown).apply(target, args);
          };
        }
        const value = Reflect.get(target, key);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    unwrapped.set(proxy, statement);
    return proxy;
  };
  const db = new Proxy(d1, {
    get(target, key) {
      if (key === 'prepare') return (sql: string) => wrap(target.prepare(sql));
      if (key === 'batch') {
        return (statements: D1PreparedStatement[]) => {
          calls++;
          return target.batch(statements.map((s) => unwrapped.get(s) ?? s));
        };
      }
      if (key === 'exec') {
        return (sql: string) => {
          calls++;
          return target.exec(sql);
        };
      }
      const value = Reflect.get(target, key);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { db, calls: () => calls };
}

function fakeQueue() {
  const sent: unknown[] = [];
  return {
    sent,
    queue: {
      send: async (body: unknown) => void sent.push(body),
      sendBatch: async (batch: Array<{ body: unknown }>) => void sent.push(...batch.map((b) => b.body)),
    } as unknown as Queue,
  };
}

let seq = 0;
function message(overrides: Record<string, unknown>) {
  seq++;
  const parsed = inboundMessageSchema.parse({
    channel: 'api',
    externalId: `rt-${Date.now()}-${seq}`,
    receivedAt: new Date().toISOString(),
    sender: { phone: `1390000${String(seq).padStart(4, '0')}` },
    text: '小区门口的路灯坏了一个多星期，晚上出行很不方便，希望尽快修复。',
    ...overrides,
  });
  return { ...parsed, raw: JSON.stringify(parsed) };
}

describe('round trips', () => {
  it('takes a message in one D1 call, for every shape of intake', async () => {
    const { db, calls } = countingD1(env.DB);
    const { queue } = fakeQueue();
    const counted = { ...env, DB: db, JOBS: queue };
    // The counter itself: a statement on its own and a batch are one call each.
    await db.prepare('SELECT 1').first();
    await db.batch([db.prepare('SELECT 1'), db.prepare('SELECT 2')]);
    expect(calls()).toBe(2);
    // The routing context and the working calendar are cached per isolate: load them first.
    await intakeMessage(counted, message({}));

    const cases: Array<[string, () => Promise<unknown>]> = [
      ['a plain message with an acknowledgement', () => intakeMessage(counted, message({}))],
      [
        'a chat message that starts a conversation',
        () =>
          intakeMessage(counted, message({ channel: 'wechat', sender: { openId: 'o-rt-1' } }), {
            appendWindowMs: 600_000,
            acknowledge: false,
          }),
      ],
      [
        'a chat message that joins it, with the channel’s own statement',
        () =>
          intakeMessage(counted, message({ channel: 'wechat', sender: { openId: 'o-rt-1' } }), {
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
          intakeMessage(counted, message({ channel: 'mailbox' }), {
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
    const results = await Promise.all(Array.from({ length: 6 }, () => intakeMessage(withQueue, message({}))));
    expect(sent).toEqual([{ kind: 'deliver_due' }]);
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
