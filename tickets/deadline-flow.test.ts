// Deadlines as the lifecycle sets them, at fixed instants: dispatch before National Day, the
// clock stopped for the resident's supplement and restarted, then an approved extension.
// Expected instants counted by hand on the 2026 schedule (10/1–10/7 off, Sat 10/10 worked).
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { openDb } from '../db/client';
import { shanghaiTime as at } from '../routing/calendar';
import { message } from '../tests/helpers';
import { intakeMessage } from './intake';
import type { Actor } from './lifecycle/actor';
import { applyAction } from './lifecycle/apply-action';
import { forgetWorkingTime } from './working-calendar';

const db = openDb(env.DB);
const dispatcher: Actor = { id: 'staff-dispatcher', role: 'dispatcher', departmentCode: 'centre' };
const handler: Actor = { id: 'staff-cgj-handler', role: 'handler', departmentCode: 'cgj' };

async function ticketAt(now: number) {
  const m = message();
  return intakeMessage(env, { ...m, raw: JSON.stringify(m) } as never, { now });
}

const deadlineOf = async (ticketNo: string) =>
  (await env.DB.prepare('SELECT deadline_at AS d, clock_paused_at AS p FROM tickets WHERE ticket_no = ?')
    .bind(ticketNo)
    .first<{ d: number | null; p: number | null }>())!;

describe('deadlines through the lifecycle', () => {
  it('pauses for the supplement, resumes, and extends', async () => {
    const t = await ticketAt(at('2026-09-30', 15));
    const act = (action: Parameters<typeof applyAction>[2], actor: Actor, input: unknown, now: number) =>
      applyAction({ db, env }, t.ticketNo, action, actor, input, { now });

    // 投诉: 15 working days from 9/30 → 10/8, 10/9, 10/10, 10/12–16, 10/19–23, 10/26–27 → 10/27.
    await act('dispatch', dispatcher, { departmentCode: 'cgj', type: '投诉' }, at('2026-09-30', 16));
    expect((await deadlineOf(t.ticketNo)).d).toBe(at('2026-10-27', 17, 30));

    await act('sign', handler, {}, at('2026-10-08', 9, 30));
    // Stopped Fri 10/23 at 16:30: left are 60 minutes that day and 420 on each of 10/26, 10/27.
    await act('supplement', handler, { request: '请提供噪声发生的具体时段和录音' }, at('2026-10-23', 16, 30));
    expect(await deadlineOf(t.ticketNo)).toMatchObject({ p: at('2026-10-23', 16, 30) });
    // Restarted Thu 10/29 at 10:00 with 900 minutes: 360 that day (10:00–12:00, 13:30–17:30), 420 on
    // Fri 10/30, and the last 120 on Mon 11/2 from 09:00.
    await act('supplement', dispatcher, { text: '噪声每晚22点至凌晨2点，录音已上传' }, at('2026-10-29', 10));
    expect(await deadlineOf(t.ticketNo)).toEqual({ d: at('2026-11-02', 11), p: null });

    // Extension of 5 working days after 11/2: 11/3, 11/4, 11/5, 11/6, 11/9.
    await act('extend', handler, { workingDays: 5, reason: '需联合生态环境部门夜间执法' }, at('2026-10-30', 9));
    expect((await deadlineOf(t.ticketNo)).d).toBe(at('2026-11-02', 11)); // not until approved
    await act('approve', dispatcher, {}, at('2026-10-30', 11));
    expect((await deadlineOf(t.ticketNo)).d).toBe(at('2026-11-09', 17, 30));
  });

  it('follows an admin edit of the calendar at once', async () => {
    const t = await ticketAt(at('2026-12-01', 9));
    await env.DB.prepare(
      `INSERT INTO calendar_days (date, kind, name, source, updated_at)
       VALUES ('2026-12-02', 'holiday', '台风停工', 'admin', 0)`,
    ).run();
    forgetWorkingTime();
    await applyAction(
      { db, env },
      t.ticketNo,
      'dispatch',
      dispatcher,
      { departmentCode: 'cgj', type: '咨询' },
      { now: at('2026-12-01', 10) },
    );
    // 2 working days after Tue 12/1, with Wed 12/2 off: Thu 12/3, Fri 12/4.
    expect((await deadlineOf(t.ticketNo)).d).toBe(at('2026-12-04', 17, 30));
    await env.DB.prepare("DELETE FROM calendar_days WHERE date = '2026-12-02'").run();
    forgetWorkingTime();
  });
});
