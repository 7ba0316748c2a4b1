// Staff never see the resident's query code: with it, a handler could rate its own answer as the
// resident. Every staff read is searched whole, as text, for the code's six digits.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { act, BASE, createTicket, login, request, routeEverythingByHand } from '../tests/helpers';

async function staffGet(path: string, username: string): Promise<string> {
  const res = await request(`${BASE}${path}`, { headers: { authorization: `Bearer ${await login(username)}` } });
  expect(res.status, `${username} GET ${path}`).toBe(200);
  return res.text();
}

/**
 * Six digits found in none of the bodies. Any six digits could occur in a page by chance (inside a
 * ticket number or a timestamp), so the test gives the ticket a code the pages do not already hold:
 * if a page shows it after that, the page shows the query code.
 */
function codeAbsentFrom(bodies: string[]): string {
  for (;;) {
    const code = String(crypto.getRandomValues(new Uint32Array(1))[0]! % 1_000_000).padStart(6, '0');
    if (!bodies.some((b) => b.includes(code))) return code;
  }
}

async function expectNoQueryCode(ticketNo: string, reads: Array<[path: string, username: string]>) {
  const before = await Promise.all(reads.map(([path, user]) => staffGet(path, user)));
  const code = codeAbsentFrom(before);
  await env.DB.prepare('UPDATE tickets SET query_code = ? WHERE ticket_no = ?').bind(code, ticketNo).run();
  for (const [path, user] of reads) {
    const body = await staffGet(path, user);
    expect(body, `${user} GET ${path}`).not.toContain(code);
    expect(body).not.toMatch(/query_?code/i);
  }
  return code;
}

describe('staff reads never carry the query code', () => {
  beforeAll(routeEverythingByHand);

  it('in the queue, the list and the ticket, before and after dispatch, and in action answers', async () => {
    const t = await createTicket({
      title: '楼道堆放杂物',
      text: 'A1区五一街道幸福小区5栋楼道长期堆放杂物，存在消防隐患。',
    });
    expect(t.queryCode).toMatch(/^\d{6}$/);
    await expectNoQueryCode(t.ticketNo, [
      ['/api/v1/tickets/queue', 'dispatcher'],
      ['/api/v1/tickets?limit=100', 'dispatcher'],
      [`/api/v1/tickets/${t.ticketNo}`, 'dispatcher'],
      [`/api/v1/tickets/${t.ticketNo}`, 'supervisor'],
      [`/api/v1/tickets/${t.ticketNo}`, 'admin'],
    ]);

    const dispatched = await act(t.ticketNo, 'dispatch', 'dispatcher', { departmentCode: 'zjj', reason: '住建' });
    expect(dispatched.status).toBe(200);
    const code = await expectNoQueryCode(t.ticketNo, [
      [`/api/v1/tickets/${t.ticketNo}`, 'zjj.handler'],
      [`/api/v1/tickets/${t.ticketNo}`, 'zjj.reviewer'],
      ['/api/v1/tickets?limit=100', 'zjj.handler'],
      ['/api/v1/tickets?status=dispatched', 'dispatcher'],
      [`/api/v1/tickets/${t.ticketNo}`, 'dispatcher'],
      ['/api/v1/admin/routing/corrections', 'admin'],
    ]);
    const signed = await act(t.ticketNo, 'sign', 'zjj.handler');
    expect(signed.status).toBe(200);
    expect(await signed.text()).not.toContain(code);
  });
});
