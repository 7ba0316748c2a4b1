// Intake through POST /api/v1/messages: raw kept first, one ticket per message however often
// and however concurrently it arrives, and unique ticket numbers.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { localDate } from '../routing/calendar';
import { BASE, count, message, postMessage, request } from '../tests/helpers';

describe('happy path', () => {
  it('creates a ticket, keeps the raw body verbatim and queues an acknowledgement', async () => {
    const body = JSON.stringify(message({ externalId: 'happy-1' }), null, 2);
    const res = await postMessage(body);
    expect(res.status).toBe(201);
    const result = (await res.json()) as { ticketNo: string; queryCode: string; status: string; duplicate: boolean };
    expect(result.duplicate).toBe(false);
    expect(result.queryCode).toMatch(/^\d{6}$/);
    const inbox = await env.DB.prepare(
      "SELECT raw, status, ticket_id FROM inbox WHERE channel = 'api' AND external_id = 'happy-1'",
    ).first<{ raw: string; status: string; ticket_id: string }>();
    expect(inbox?.raw).toBe(body);
    expect(inbox?.status).toBe('processed');
    const outbox = await env.DB.prepare('SELECT channel, recipient, kind, body FROM outbox WHERE ticket_id = ?')
      .bind(inbox?.ticket_id)
      .first<Record<string, string>>();
    expect(outbox).toMatchObject({ channel: 'sms', recipient: '13800138000', kind: 'ack' });
    expect(outbox?.body).toContain(result.ticketNo);
    expect(outbox?.body).toContain(result.queryCode);
    expect(outbox?.body).toContain(`http://127.0.0.1:8787/track?no=${result.ticketNo}&code=${result.queryCode}`);
  });

  it('numbers tickets by the Asia/Shanghai day and keeps numbers unique under concurrency', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => postMessage(message())));
    const numbers = await Promise.all(results.map(async (r) => ((await r.json()) as { ticketNo: string }).ticketNo));
    expect(results.every((r) => r.status === 201)).toBe(true);
    expect(new Set(numbers).size).toBe(20);
    const day = localDate(Date.now()).replaceAll('-', '');
    for (const n of numbers) expect(n).toMatch(new RegExp(`^A${day}\\d{5}$`));
    const seqs = numbers.map((n) => Number(n.slice(-5))).sort((a, b) => a - b);
    expect(seqs.at(-1)! - seqs[0]!).toBe(19); // consecutive: nothing was skipped
  });

  it('makes one contact of one resident across messages', async () => {
    await postMessage(message({ sender: { name: '李女士', phone: '13912345678' } }));
    await postMessage(message({ sender: { phone: '13912345678', email: 'li@example.com' } }));
    expect(await count("SELECT count(*) AS n FROM contacts WHERE phone = '13912345678'")).toBe(1);
  });
});

describe('idempotency', () => {
  it('returns the first ticket for a repeat', async () => {
    const m = message();
    const first = await postMessage(m);
    const again = await postMessage(m);
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    const [a, b] = [await first.json(), await again.json()] as Array<{ ticketNo: string; duplicate: boolean }>;
    expect(b).toMatchObject({ ticketNo: a!.ticketNo, duplicate: true });
  });

  it('makes exactly one ticket from concurrent duplicates', async () => {
    const m = message();
    const results = await Promise.all(Array.from({ length: 10 }, () => postMessage(m)));
    const bodies = (await Promise.all(results.map((r) => r.json()))) as Array<{ ticketNo: string; duplicate: boolean }>;
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 200)).toHaveLength(9);
    expect(new Set(bodies.map((b) => b.ticketNo)).size).toBe(1);
    expect(await count('SELECT count(*) AS n FROM inbox WHERE external_id = ?', m.externalId)).toBe(1);
    expect(
      await count(
        'SELECT count(*) AS n FROM tickets t JOIN inbox i ON i.ticket_id = t.id WHERE i.external_id = ?',
        m.externalId,
      ),
    ).toBe(1);
  });

  it('keeps the raw message when processing fails, and processes it on the next try', async () => {
    await env.DB.exec(
      "CREATE TRIGGER test_fail_ticket BEFORE INSERT ON tickets BEGIN SELECT RAISE(ABORT, 'disk on fire'); END;",
    );
    const m = message();
    const failed = await postMessage(m);
    // The hub's own fault, the message kept: 503 with Retry-After, the sender may resend safely.
    expect(failed.status).toBe(503);
    expect(failed.headers.get('retry-after')).toBe('30');
    expect(((await failed.json()) as { error: { code: string } }).error.code).toBe('intake_deferred');
    const kept = await env.DB.prepare('SELECT status, error, raw, ticket_id FROM inbox WHERE external_id = ?')
      .bind(m.externalId)
      .first<Record<string, string | null>>();
    expect(kept).toMatchObject({ status: 'failed', ticket_id: null, raw: JSON.stringify(m) });
    expect(kept?.error).toContain('disk on fire');
    await env.DB.exec('DROP TRIGGER test_fail_ticket;');
    const retried = await postMessage(m);
    expect(retried.status).toBe(201);
    expect(
      await count("SELECT count(*) AS n FROM inbox WHERE external_id = ? AND status = 'processed'", m.externalId),
    ).toBe(1);
  });
});

describe('errors', () => {
  const errorOf = async (res: Response) =>
    (
      (await res.json()) as {
        error: { code: string; message: string; requestId: string; details?: Array<{ path: string }> };
      }
    ).error;

  it('names the wrong field in Chinese-first validation errors', async () => {
    const res = await postMessage({ ...message(), text: '' });
    expect(res.status).toBe(422);
    const error = await errorOf(res);
    expect(error.code).toBe('validation_failed');
    expect(error.details?.map((d) => d.path)).toContain('text');
  });

  it('refuses a wrong channel and a bad date', async () => {
    const res = await postMessage({ ...message(), channel: 'fax', receivedAt: 'yesterday' });
    expect(res.status).toBe(422);
    expect((await errorOf(res)).details?.map((d) => d.path).sort()).toEqual(['channel', 'receivedAt']);
  });

  it('answers 400 for malformed JSON, 415 for another content type, 413 for an oversized body', async () => {
    expect((await postMessage('{"channel": ')).status).toBe(400);
    expect((await postMessage(JSON.stringify(message()), { headers: { 'content-type': 'text/plain' } })).status).toBe(
      415,
    );
    const huge = await postMessage(message({ text: '很长'.repeat(40_000) }));
    expect(huge.status).toBe(413);
    expect((await errorOf(huge)).code).toBe('payload_too_large');
  });

  it('answers unknown routes with 404 in the same shape and a request id', async () => {
    const res = await request(`${BASE}/api/v1/nothing-here`);
    expect(res.status).toBe(404);
    const error = await errorOf(res);
    expect(error.code).toBe('not_found');
    expect(error.requestId).toBe(res.headers.get('x-request-id'));
    expect(error.requestId).toBeTruthy();
  });

  it('stores nothing for a refused message', async () => {
    const m = message();
    await postMessage({ ...m, text: '' });
    await postMessage(m, { token: 'wrong' });
    expect(await count('SELECT count(*) AS n FROM inbox WHERE external_id = ?', m.externalId)).toBe(0);
  });
});

describe('security', () => {
  it('needs an integration token', async () => {
    expect((await postMessage(message(), { token: null })).status).toBe(401);
    expect((await postMessage(message(), { token: 'dev-integration-token-but-longer' })).status).toBe(401);
  });

  it('sends security headers', async () => {
    const res = await postMessage(message());
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    // Nothing embeds the hub, not even its own pages (CSP frame-ancestors 'none' as well).
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });
});
