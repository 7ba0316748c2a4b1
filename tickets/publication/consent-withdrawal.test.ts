// The resident's 不公开 after publication: the reply comes down in the consent's own batch, on
// every public output at once, and a later 同意公开 does not put it back without a reviewer.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { BASE, request, routeEverythingByHand } from '../../tests/helpers';
import { publishedTicket } from '../../tests/publish-steps';
import { CONSENT_WITHDRAWN } from './consent-withdrawal';
import { searchQuery } from './search-tokens';

const generation = async () =>
  (await env.DB.prepare('SELECT generation FROM public_cache').first<{ generation: number }>())!.generation;

const consent = (ticketNo: string, code: string, value: boolean) =>
  request(`${BASE}/api/v1/track/${ticketNo}/consent?code=${code}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ consent: value }),
  });

const searchHits = async (typed: string) =>
  (await env.DB.prepare('SELECT count(*) AS n FROM publication_search WHERE publication_search MATCH ?')
    .bind(searchQuery(typed))
    .first<{ n: number }>())!.n;

describe('withdrawing consent after publication', () => {
  it('takes the reply off every public output at once, with the withdrawal on record', async () => {
    await routeEverythingByHand();
    const t = await publishedTicket({ text: '青松路排水沟堵塞，下雨就积水。' });
    expect((await request(`${BASE}/public/${t.ticketNo}`)).status).toBe(200);
    expect(await searchHits('排水沟')).toBe(1);
    const before = await generation();

    expect((await consent(t.ticketNo, t.queryCode, false)).status).toBe(200);

    const row = await env.DB.prepare('SELECT id, status, reason, version FROM publications WHERE ticket_no = ?')
      .bind(t.ticketNo)
      .first<{ id: number; status: string; reason: string; version: number }>();
    expect(row).toMatchObject({ status: 'withdrawn', reason: CONSENT_WITHDRAWN, version: 2 });
    const history = await env.DB.prepare(
      'SELECT seq, action, actor_id AS actorId, reason FROM publication_history WHERE publication_id = ? ORDER BY seq',
    )
      .bind(row!.id)
      .all();
    expect(history.results).toEqual([
      { seq: 1, action: 'publish', actorId: expect.any(String), reason: null },
      { seq: 2, action: 'withdraw', actorId: null, reason: CONSENT_WITHDRAWN },
    ]);
    expect(await searchHits('排水沟')).toBe(0);
    expect(await generation()).toBe(before + 1);
    expect((await request(`${BASE}/public/${t.ticketNo}`)).status).toBe(404);
    const api = await (await request(`${BASE}/api/v1/public/replies?q=排水沟`)).json<{ items: unknown[] }>();
    expect(api.items).toEqual([]);

    // 同意公开 again: the ticket may be published, but only a reviewer puts it back.
    expect((await consent(t.ticketNo, t.queryCode, true)).status).toBe(200);
    expect((await request(`${BASE}/public/${t.ticketNo}`)).status).toBe(404);
  });

  it('writes nothing public for a ticket that was never published', async () => {
    await routeEverythingByHand();
    const { createTicket } = await import('../../tests/helpers');
    const t = await createTicket({ consentToPublish: true });
    const before = await generation();
    expect((await consent(t.ticketNo, t.queryCode, false)).status).toBe(200);
    expect(await generation()).toBe(before);
    const n = await env.DB.prepare(
      'SELECT count(*) AS n FROM publication_history WHERE ticket_id IN (SELECT id FROM tickets WHERE ticket_no = ?)',
    )
      .bind(t.ticketNo)
      .first<{ n: number }>();
    expect(n!.n).toBe(0);
  });
});
