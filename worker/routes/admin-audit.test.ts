// The contact-read audit: every staff view that shows a resident's contact leaves one record
// (who, when, which ticket, what), admins list them, nobody else may, and a view that shows no
// contact (another department's ticket, an anonymous one, the resident's own) leaves none.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { phoneCall } from '../../channels/phone/test-calls';
import { type PageSession, signInPage } from '../../dashboard/workbench/page-session';
import { act, BASE, createTicket, getTicket, inboundMessage, login, request } from '../../tests/helpers';
import { intakeMessage } from '../../tickets/intake';

interface ReadRow {
  at: number;
  username: string;
  ticket_no: string;
  what: string;
}

async function readsOf(ticketNo: string): Promise<ReadRow[]> {
  const { results } = await env.DB.prepare(
    'SELECT at, username, ticket_no, what FROM contact_reads WHERE ticket_no = ? ORDER BY id',
  )
    .bind(ticketNo)
    .all<ReadRow>();
  return results;
}

async function audit(query: string, username = 'admin') {
  const res = await request(`${BASE}/api/v1/admin/audit${query}`, {
    headers: { authorization: `Bearer ${await login(username)}` },
  });
  return { status: res.status, body: (await res.json()) as any };
}

/** A ticket the dispatcher sent to 住建局 (zjj), so its handler may read it and 公安局's may not. */
async function zjjTicket(overrides: Record<string, unknown> = {}) {
  const { ticketNo } = await createTicket({ sender: { name: '李女士', phone: '13912345678' }, ...overrides });
  const res = await act(ticketNo, 'dispatch', 'dispatcher', { departmentCode: 'zjj' });
  expect(res.status).toBe(200);
  return ticketNo;
}

let dispatcherPage: PageSession;

beforeAll(async () => {
  // Every new ticket waits for the dispatcher, whatever routing would say.
  await env.DB.prepare("UPDATE settings SET value = '2' WHERE key = 'routing.threshold'").run();
  await env.DB.prepare('UPDATE routing_rules SET enabled = 0').run();
  dispatcherPage = await signInPage('dispatcher');
});

describe('reads that show contact are recorded', () => {
  it('records a handler’s API read of a ticket with contact, once a read, with their name and the time', async () => {
    const ticketNo = await zjjTicket();
    const before = Date.now();
    const read = await getTicket(ticketNo, 'zjj.handler');
    const after = Date.now();
    expect(read.status).toBe(200);
    expect(read.body.contact).toEqual({ name: '李女士', phone: '13912345678', email: null });
    const rows = await readsOf(ticketNo);
    expect(rows.map(({ username, ticket_no, what }) => ({ username, ticket_no, what }))).toEqual([
      { username: 'zjj.handler', ticket_no: ticketNo, what: 'contact' },
    ]);
    expect(rows[0]!.at).toBeGreaterThanOrEqual(before);
    expect(rows[0]!.at).toBeLessThanOrEqual(after);

    await getTicket(ticketNo, 'zjj.handler');
    expect((await readsOf(ticketNo)).length).toBe(2);
  });

  it('records the workbench ticket page’s read of the contact', async () => {
    const { ticketNo } = await createTicket({ sender: { name: '王先生', phone: '13700001111' } });
    const page = await dispatcherPage.get(`/workbench/tickets/${ticketNo}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('13700001111');
    // An API message's raw JSON is shown by its fields, none of which names the sender.
    expect((await readsOf(ticketNo)).map((r) => [r.username, r.what])).toEqual([['dispatcher', 'contact']]);
  });

  it('records the original call as a read too, since it shows the caller’s number', async () => {
    const call = phoneCall(`audit-call-${Date.now()}`, { caller: '13655556666' });
    const m = inboundMessage({
      channel: 'phone',
      externalId: call.callId,
      sender: { phone: call.caller },
      text: '滨江区长河街道江南春堤小区东门路灯损坏，晚上看不清路。',
    });
    const { ticketNo } = await intakeMessage(env, { ...m, raw: JSON.stringify(call) }, { acknowledge: false });
    const page = await dispatcherPage.get(`/workbench/tickets/${ticketNo}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('来电号码：13655556666');
    expect((await readsOf(ticketNo)).map((r) => r.what).sort()).toEqual(['contact', 'raw']);
  });
});

describe('GET /api/v1/admin/audit', () => {
  it('lists one ticket’s reads newest first, and every ticket’s without a number, a page at a time', async () => {
    const ticketNo = await zjjTicket();
    const other = await zjjTicket();
    await getTicket(ticketNo, 'zjj.handler');
    await getTicket(other, 'zjj.handler');
    await getTicket(ticketNo, 'supervisor');

    const one = await audit(`?ticketNo=${ticketNo.toLowerCase()}`);
    expect(one.status).toBe(200);
    expect(one.body.items.map((i: any) => [i.username, i.ticketNo, i.what])).toEqual([
      ['supervisor', ticketNo, 'contact'],
      ['zjj.handler', ticketNo, 'contact'],
    ]);
    const stored = await readsOf(ticketNo);
    expect(one.body.items.map((i: any) => i.at)).toEqual(stored.map((r) => new Date(r.at).toISOString()).reverse());
    expect(one.body.items[0].whatLabel).toContain('联系方式');
    expect(one.body.next).toBeNull();

    const first = await audit('?limit=2');
    expect(first.body.items.map((i: any) => [i.username, i.ticketNo])).toEqual([
      ['supervisor', ticketNo],
      ['zjj.handler', other],
    ]);
    expect(first.body.next).toMatch(/^\d+_\d+$/);
    const second = await audit(`?limit=1&before=${first.body.next}`);
    expect(second.body.items.map((i: any) => [i.username, i.ticketNo])).toEqual([['zjj.handler', ticketNo]]);
  });

  it('refuses a malformed ticket number, cursor or limit with 422', async () => {
    for (const query of ['?ticketNo=abc', '?ticketNo=A2026', '?before=12', '?limit=0', '?limit=201']) {
      const res = await audit(query);
      expect(res.status, query).toBe(422);
      expect(res.body.error.code).toBe('validation_failed');
    }
    expect((await audit('?ticketNo=abc')).body.error.details).toEqual([
      { path: 'ticketNo', message: '工单号格式不正确' },
    ]);
  });

  it('is for admins only: 403 for every other role, 401 without a session', async () => {
    for (const username of ['dispatcher', 'supervisor', 'leader', 'zjj.handler', 'zjj.reviewer']) {
      expect((await audit('', username)).status, username).toBe(403);
    }
    expect((await request(`${BASE}/api/v1/admin/audit`)).status).toBe(401);
  });
});

describe('reads that show no contact leave no record', () => {
  it('writes nothing for another department’s ticket (404)', async () => {
    const ticketNo = await zjjTicket();
    const read = await getTicket(ticketNo, 'gaj.handler');
    expect(read.status).toBe(404);
    const page = await (await signInPage('gaj.handler')).get(`/workbench/tickets/${ticketNo}`);
    expect(page.status).toBe(404);
    expect(await readsOf(ticketNo)).toEqual([]);
  });

  it('writes nothing for an anonymous ticket, on the API or the page', async () => {
    const { ticketNo } = await createTicket({ sender: {} });
    const read = await getTicket(ticketNo);
    expect(read.status).toBe(200);
    expect(read.body.contact).toBeNull();
    const page = await dispatcherPage.get(`/workbench/tickets/${ticketNo}`);
    expect(page.html).toContain('匿名');
    expect(await readsOf(ticketNo)).toEqual([]);
  });

  it('writes nothing for the resident’s own tracking view, which carries no contact', async () => {
    const { ticketNo, queryCode } = await createTicket();
    const res = await request(`${BASE}/api/v1/track/${ticketNo}?code=${queryCode}`);
    expect(res.status).toBe(200);
    expect(await res.text()).not.toContain('13800138000');
    expect(await readsOf(ticketNo)).toEqual([]);
  });
});

describe('no contact without its record', () => {
  it('refuses the read, on the API and the page, when the record cannot be written, and shows no contact', async () => {
    const ticketNo = await zjjTicket({ sender: { name: '赵女士', phone: '13511112222' } });
    await env.DB.exec(
      'CREATE TRIGGER test_fail_contact_read BEFORE INSERT ON contact_reads ' +
        "BEGIN SELECT RAISE(ABORT, 'audit down'); END;",
    );
    try {
      const api = await request(`${BASE}/api/v1/tickets/${ticketNo}`, {
        headers: { authorization: `Bearer ${await login('zjj.handler')}` },
      });
      expect(api.status).toBe(500);
      const body = await api.text();
      expect(JSON.parse(body).error.code).toBe('internal_error');
      expect(body).not.toContain('13511112222');
      const page = await dispatcherPage.get(`/workbench/tickets/${ticketNo}`);
      expect(page.status).toBe(500);
      expect(page.html).not.toContain('13511112222');
      expect(page.html).not.toContain('赵女士');
    } finally {
      await env.DB.exec('DROP TRIGGER test_fail_contact_read;');
    }
    expect(await readsOf(ticketNo)).toEqual([]);
    expect((await getTicket(ticketNo, 'zjj.handler')).status).toBe(200);
  });

  it('keeps the records as written: no update, no delete', async () => {
    const ticketNo = await zjjTicket();
    await getTicket(ticketNo, 'zjj.handler');
    await expect(
      env.DB.prepare("UPDATE contact_reads SET username = 'someone-else' WHERE ticket_no = ?").bind(ticketNo).run(),
    ).rejects.toThrow(/append-only/);
    await expect(env.DB.prepare('DELETE FROM contact_reads WHERE ticket_no = ?').bind(ticketNo).run()).rejects.toThrow(
      /append-only/,
    );
    expect((await readsOf(ticketNo)).map((r) => r.username)).toEqual(['zjj.handler']);
  });
});
