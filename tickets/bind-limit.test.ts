// D1 binds at most 100 values in one statement: every statement intake and the lifecycle send
// stays under it, on every shape of intake, through every action, and with lists longer than 100.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../db/client';
import { inboundMessage, observeD1, routeEverythingByHand } from '../tests/helpers';
import { followUpTicket, saveHotspot } from './follow-up';
import { intakeMessage } from './intake';
import type { Actor } from './lifecycle/actor';
import { applyAction } from './lifecycle/apply-action';
import { rateTicket } from './lifecycle/rate-ticket';

beforeAll(routeEverythingByHand);

let seq = 0;
/** A message with every identity at once: the contact is matched on all three and completed with the rest. */
function message(overrides: Record<string, unknown> = {}) {
  seq++;
  return inboundMessage({
    sender: { name: '李女士', phone: `1370000${String(seq).padStart(4, '0')}`, email: `r${seq}@example.cn` },
    title: '路灯不亮',
    text: 'A1区马坡岭街道马坡岭社区3栋门口的路灯已经坏了两个星期，晚上出行很不方便，请尽快维修。',
    location: { address: 'A1区马坡岭街道马坡岭社区3栋', lat: 28.2, lng: 113.1 },
    ...overrides,
  });
}

describe('bound values per statement', () => {
  it('stay within 100 across intake on every channel shape and a ticket’s whole life', async () => {
    const { db, bound, widest } = observeD1(env.DB);
    const recorded = { ...env, DB: db };
    const created = await intakeMessage(recorded, message());
    await intakeMessage(recorded, message({ hints: { directAnswer: '公积金提取请携带身份证到服务大厅办理。' } }));
    const chat = { appendWindowMs: 600_000, acknowledge: false };
    await intakeMessage(recorded, message({ channel: 'wechat', sender: { openId: 'o-bind-1' } }), chat);
    await intakeMessage(recorded, message({ channel: 'wechat', sender: { openId: 'o-bind-1' } }), {
      ...chat,
      alongside: [
        db.prepare(
          `INSERT INTO channel_tokens (key, value, expires_at) VALUES ('test:bind', '1', 0)
           ON CONFLICT(key) DO NOTHING`,
        ),
      ],
    });
    await intakeMessage(recorded, message({ channel: 'mailbox' }), {
      rateLimit: { key: 'mailbox:198.51.100.77', rule: { limit: 5, windowMs: 600_000 } },
    });
    const repeat = message();
    await intakeMessage(recorded, repeat);
    expect((await intakeMessage(recorded, repeat)).duplicate).toBe(true);
    const intakeWidest = widest();
    // The new ticket's row is the widest of intake's statements: some thirty values, well seen.
    expect(intakeWidest.values).toBeGreaterThan(25);

    const lifecycle = { db: openDb(db), env: recorded };
    const dispatcher: Actor = { id: 'staff-dispatcher', role: 'dispatcher', departmentCode: 'centre' };
    const handler: Actor = { id: 'staff-cgj-handler', role: 'handler', departmentCode: 'cgj' };
    const reviewer: Actor = { id: 'staff-cgj-reviewer', role: 'reviewer', departmentCode: 'cgj' };
    const coDepartmentCodes = ['jyj', 'zjj', 'rsj', 'swj', 'sthjj', 'wjw', 'jtj', 'gaj', 'scjgj', 'mzj'];
    const steps: Array<[Parameters<typeof applyAction>[2], Actor, unknown]> = [
      ['dispatch', dispatcher, { departmentCode: 'cgj', coDepartmentCodes, type: '求助' }],
      ['sign', handler, {}],
      ['supplement', handler, { request: '请提供路灯灯杆编号' }],
      ['supplement', dispatcher, { text: '灯杆编号 MPL-0312' }],
      ['extend', handler, { workingDays: 3, reason: '需协调供电公司' }],
      ['approve', dispatcher, {}],
      ['reply', handler, { text: '经核查，该路灯线路老化，已更换线路并恢复照明。' }],
      ['approve', reviewer, {}],
    ];
    for (const [action, actor, input] of steps) await applyAction(lifecycle, created.ticketNo, action, actor, input);
    const reviewed = await lifecycle.db.query.tickets.findFirst({
      where: (t, { eq }) => eq(t.ticketNo, created.ticketNo),
    });
    await rateTicket(lifecycle, reviewed!, { resolved: true, satisfaction: 'satisfied' });
    await applyAction(lifecycle, created.ticketNo, 'reopen', dispatcher, { reason: '居民反映仍未修好' });
    const duplicate = await intakeMessage(recorded, message());
    await applyAction(lifecycle, duplicate.ticketNo, 'merge', dispatcher, { intoTicketNo: created.ticketNo });
    await followUpTicket(lifecycle, created.ticketId);

    expect(bound.length).toBeGreaterThan(60);
    expect(widest().values, widest().sql).toBeLessThanOrEqual(100);
  });

  it('takes a hot spot of 150 tickets with no more bound values than one of 3', async () => {
    const now = Date.now();
    const ids = Array.from({ length: 153 }, (_, i) => `bind-hot-${now}-${i}`);
    await env.DB.prepare(
      `INSERT INTO tickets (id, ticket_no, query_code, channel, text, type, status, received_at, created_at, updated_at)
       SELECT value, 'H' || ?1 || '-' || key, 'q', 'api', '小区噪音扰民', '投诉', 'received', ?1 + key, ?1, ?1
       FROM json_each(?2)`,
    )
      .bind(now, JSON.stringify(ids))
      .run();
    const save = async (ticketIds: string[]) => {
      const { db, widest } = observeD1(env.DB);
      const cluster = { placeCode: 'A01-001', ticketIds, size: ticketIds.length, residents: ticketIds.length };
      const id = await saveHotspot(openDb(db), { ...cluster, firstAt: now, lastAt: now + 152, signature: '' });
      const filed = await env.DB.prepare('SELECT count(*) AS n FROM hotspot_tickets WHERE hotspot_id = ?')
        .bind(id)
        .first<{ n: number }>();
      return { id, filed: filed!.n, widest: widest().values };
    };
    const small = await save(ids.slice(0, 3));
    const large = await save(ids.slice(3));
    expect(small.filed).toBe(3);
    expect(large.filed).toBe(150);
    expect(large.widest).toBe(small.widest);
    expect(large.widest).toBeLessThanOrEqual(100);
    // Saving again finds the same hot spot through its tickets and files nothing twice.
    expect(await save(ids.slice(3))).toEqual(large);
  });
});
