// 公开意愿 on the tracking page and its API: the resident sees whether they consented to publish
// and changes it with the number and query code alone; each change is a `consent` event on the
// timeline, a repeat writes nothing, a wrong code answers like an unknown number, and the page's
// form works without script but not from another site.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { restoreClockAfterEach, startOfWindow } from '../../tests/fixed-window';
import { act, BASE, count, createTicket, getTicket, request, routeEverythingByHand } from '../../tests/helpers';

beforeAll(routeEverythingByHand);
restoreClockAfterEach();

const consentApi = (no: string, code: string, body: unknown, headers: Record<string, string> = {}) =>
  request(`${BASE}/api/v1/track/${encodeURIComponent(no)}/consent?code=${encodeURIComponent(code)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

const postConsent = async (fields: Record<string, string>, origin = BASE) => {
  const res = await request(`${BASE}/track/consent`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
    body: new URLSearchParams(fields),
  });
  return { status: res.status, html: await res.text() };
};

const wrongCode = (code: string) => (code === '000000' ? '111111' : '000000');

const consentEvents = async (ticketNo: string) =>
  (
    await env.DB.prepare(
      `SELECT e.actor_role AS role, e.data FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
       WHERE t.ticket_no = ? AND e.action = 'consent' ORDER BY e.seq`,
    )
      .bind(ticketNo)
      .all<{ role: string; data: string }>()
  ).results.map((e) => ({ role: e.role, ...JSON.parse(e.data) }));

const storedConsent = (ticketNo: string) =>
  count('SELECT consent_to_publish AS n FROM tickets WHERE ticket_no = ?', ticketNo);

describe('POST /api/v1/track/{ticketNo}/consent', () => {
  it('gives and withdraws consent, each change an event on the timeline; a repeat writes nothing', async () => {
    const t = await createTicket({ consentToPublish: false });
    const before = (await (await request(`${BASE}/api/v1/track/${t.ticketNo}?code=${t.queryCode}`)).json()) as {
      consentToPublish: boolean;
    };
    expect(before.consentToPublish).toBe(false);

    const given = await consentApi(t.ticketNo, t.queryCode, { consent: true });
    expect(given.status).toBe(200);
    const body = (await given.json()) as {
      consentToPublish: boolean;
      timeline: Array<{ action: string; label: string }>;
    };
    expect(body.consentToPublish).toBe(true);
    expect(body.timeline.at(-1)).toMatchObject({ action: 'consent', label: '公开意愿：同意公开' });
    expect(await storedConsent(t.ticketNo)).toBe(1);

    expect((await consentApi(t.ticketNo, t.queryCode, { consent: true })).status).toBe(200);
    expect(await consentEvents(t.ticketNo)).toEqual([{ role: 'resident', consent: true, source: 'tracking_api' }]);

    const withdrawn = (await (await consentApi(t.ticketNo, t.queryCode, { consent: false })).json()) as {
      consentToPublish: boolean;
      timeline: Array<{ label: string }>;
    };
    expect(withdrawn.consentToPublish).toBe(false);
    expect(withdrawn.timeline.map((e) => e.label).slice(-2)).toEqual(['公开意愿：同意公开', '公开意愿：不公开']);
    expect(await storedConsent(t.ticketNo)).toBe(0);

    // Staff see the same step on their timeline, and the ticket's consent.
    const staff = await getTicket(t.ticketNo);
    expect(staff.body.consentToPublish).toBe(false);
    expect(staff.body.timeline.filter((e: { action: string }) => e.action === 'consent')).toMatchObject([
      { label: '公开意愿：同意公开', actorRole: 'resident' },
      { label: '公开意愿：不公开', actorRole: 'resident' },
    ]);
  });

  it('answers a wrong code exactly like an unknown number, and changes nothing', async () => {
    const t = await createTicket({ consentToPublish: false });
    const wrong = await consentApi(t.ticketNo, wrongCode(t.queryCode), { consent: true });
    const unknown = await consentApi('A2000010100001', t.queryCode, { consent: true });
    expect([wrong.status, unknown.status]).toEqual([404, 404]);
    const [a, b] = (await Promise.all([wrong.json(), unknown.json()])) as Array<{
      error: { code: string; message: string };
    }>;
    expect(a!.error).toMatchObject({ code: b!.error.code, message: b!.error.message });
    expect(await storedConsent(t.ticketNo)).toBe(0);
    expect(await consentEvents(t.ticketNo)).toEqual([]);
  });

  it('refuses a body that is not { consent: boolean }, and a merged ticket', async () => {
    const t = await createTicket({ consentToPublish: false });
    for (const body of [{ consent: 'yes' }, {}, { consent: 1 }]) {
      const res = await consentApi(t.ticketNo, t.queryCode, body);
      expect(res.status).toBe(422);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('validation_failed');
    }
    expect((await consentApi(t.ticketNo, t.queryCode, '{"consent":')).status).toBe(400);
    const noCode = await request(`${BASE}/api/v1/track/${t.ticketNo}/consent`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ consent: true }),
    });
    expect(noCode.status).toBe(422);
    expect(await storedConsent(t.ticketNo)).toBe(0);

    const other = await createTicket({ consentToPublish: true, sender: { phone: '13900009999' } });
    expect((await act(other.ticketNo, 'merge', 'dispatcher', { intoTicketNo: t.ticketNo })).status).toBe(200);
    const merged = await consentApi(other.ticketNo, other.queryCode, { consent: false });
    expect(merged.status).toBe(409);
    expect(await storedConsent(other.ticketNo)).toBe(1);
    expect(await storedConsent(t.ticketNo)).toBe(0);
  });

  it('limits guessing from one address, like tracking', async () => {
    // At a window's start: 61 requests straddling a minute's edge would start the count again.
    startOfWindow(60_000);
    const headers = { 'cf-connecting-ip': '203.0.113.78' };
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) {
      const no = `A20000102${String(i).padStart(5, '0')}`;
      statuses.push((await consentApi(no, String(200000 + i), { consent: true }, headers)).status);
    }
    expect(statuses.slice(0, 60).every((s) => s === 404)).toBe(true);
    expect(statuses[60]).toBe(429);
  });
});

describe('the tracking page’s consent form', () => {
  it('shows the choice and changes it with a plain form post', async () => {
    const t = await createTicket({ consentToPublish: false });
    const page = await (await request(`${BASE}/track?no=${t.ticketNo}&code=${t.queryCode}`)).text();
    expect(page).toContain('您未同意公开：本工单的诉求和答复不会在政务公开栏目公开。');
    expect(page).toContain('action="/track/consent"');
    expect(page).toContain('name="consent" value="yes"');

    const given = await postConsent({ no: t.ticketNo, code: t.queryCode, consent: 'yes' });
    expect(given.status).toBe(200);
    expect(given.html).toContain('已记录您的公开意愿。');
    expect(given.html).toContain('您已同意公开：本工单的诉求和答复将隐去姓名、电话、地址门牌等个人信息后');
    expect(given.html).toContain('name="consent" value="no"');
    expect(given.html).toContain('公开意愿：同意公开');
    expect(given.html).not.toContain('<script');
    expect(await consentEvents(t.ticketNo)).toEqual([{ role: 'resident', consent: true, source: 'tracking_page' }]);

    const withdrawn = await postConsent({ no: t.ticketNo, code: t.queryCode, consent: 'no' });
    expect(withdrawn.html).toContain('您未同意公开');
    expect(await storedConsent(t.ticketNo)).toBe(0);
  });

  it('refuses a wrong code like an unknown number, an unknown choice, and a form from another site', async () => {
    const t = await createTicket({ consentToPublish: false });
    const wrong = await postConsent({ no: t.ticketNo, code: wrongCode(t.queryCode), consent: 'yes' });
    expect(wrong.status).toBe(404);
    expect(wrong.html).toContain('工单号或查询码不正确');
    expect(wrong.html).not.toContain(t.ticketNo);

    for (const consent of ['toString', 'true', '']) {
      const odd = await postConsent({ no: t.ticketNo, code: t.queryCode, consent });
      expect(odd.status).toBe(422);
      expect(odd.html).toContain('请选择是否同意公开');
    }
    const forged = await postConsent({ no: t.ticketNo, code: t.queryCode, consent: 'yes' }, 'https://evil.example');
    expect(forged.status).toBe(403);
    expect(await storedConsent(t.ticketNo)).toBe(0);
    expect(await consentEvents(t.ticketNo)).toEqual([]);
  });

  it('offers no form on a merged ticket', async () => {
    const into = await createTicket({ sender: { phone: '13900008888' } });
    const t = await createTicket({ sender: { phone: '13900007777' } });
    await act(t.ticketNo, 'merge', 'dispatcher', { intoTicketNo: into.ticketNo });
    const page = await (await request(`${BASE}/track?no=${t.ticketNo}&code=${t.queryCode}`)).text();
    expect(page).toContain('本工单已合并办理，是否公开以合并后的工单为准。');
    expect(page).not.toContain('action="/track/consent"');
    const refused = await postConsent({ no: t.ticketNo, code: t.queryCode, consent: 'no' });
    expect(refused.status).toBe(409);
    expect(refused.html).toContain('该工单已合并');
  });
});
