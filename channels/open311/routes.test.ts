import { env } from 'cloudflare:test';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { act, request } from '../../tests/helpers';
import { insertPublications, type PublicationStatus } from '../../tests/publication-fixtures';

const base = 'http://hub.test/open311/v2';
const apiKey = 'dev-open311-key';
const xml = new XMLParser({
  isArray: (name) => ['service', 'request', 'error', 'attribute', 'value', 'endpoint', 'format'].includes(name),
});

function report(overrides: Record<string, string> = {}) {
  return {
    api_key: apiKey,
    service_code: 'street_light',
    'attribute[fault]': 'dark',
    'attribute[pole_number]': 'HZ-0427',
    lat: '30.274085',
    long: '120.155070',
    address_string: '西湖区文三路 88 号门口',
    description: `文三路这一段的路灯连续三天晚上不亮，行人很多，存在安全隐患。联系电话13812345678（${crypto.randomUUID()}）`,
    email: 'citizen@example.com',
    first_name: '明',
    last_name: '陈',
    consent_to_publish: 'true',
    ...overrides,
  };
}

function post(fields: Record<string, string>, format = 'json') {
  return request(`${base}/requests.${format}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
}

/** The request's publication as the reviewers' side stores it (FIXTURE: tests/publication-fixtures.ts). */
async function publish(
  ticketNo: string,
  texts: { title: string; question: string; reply: string; address?: string },
  status: PublicationStatus = 'published',
) {
  const ticket = await env.DB.prepare('SELECT id, received_at AS at FROM tickets WHERE ticket_no = ?')
    .bind(ticketNo)
    .first<{ id: string; at: number }>();
  await insertPublications([
    {
      ticketNo,
      ticketId: ticket!.id,
      status,
      departmentCode: 'cgj',
      receivedAt: ticket!.at,
      repliedAt: ticket!.at,
      ...texts,
    },
  ]);
}

const open311InboxCount = async () =>
  (await env.DB.prepare(`SELECT count(*) AS n FROM inbox WHERE channel = 'open311'`).first<{ n: number }>())!.n;

describe('Open311 discovery and services', () => {
  it('discovery lists this endpoint in JSON and XML', async () => {
    const json = await (await request(`${base}/discovery.json`)).json<{
      endpoints: { url: string; formats: string[] }[];
    }>();
    expect(json.endpoints[0]).toMatchObject({
      url: 'http://127.0.0.1:8787/open311/v2/',
      formats: ['application/json', 'text/xml'],
    });
    const res = await request(`${base}/discovery.xml`);
    expect(res.headers.get('content-type')).toContain('text/xml');
    const doc = xml.parse(await res.text());
    expect(doc.discovery.endpoints.endpoint[0].formats.format).toEqual(['application/json', 'text/xml']);
  });

  it('services: the seven routing categories plus place-bound ones, metadata where there are attributes', async () => {
    const list = await (await request(`${base}/services.json`)).json<
      { service_code: string; service_name: string; metadata: boolean }[]
    >();
    expect(list.map((s) => s.service_name)).toEqual([
      '城乡建设',
      '劳动和社会保障',
      '教育文体',
      '商贸旅游',
      '环境保护',
      '卫生计生',
      '交通运输',
      '市容环卫',
      '路灯',
      '占道经营',
    ]);
    expect(list.every((s) => /^[a-z_]+$/.test(s.service_code))).toBe(true);
    expect(list.find((s) => s.service_code === 'street_light')!.metadata).toBe(true);
    expect(list.find((s) => s.service_code === 'transport')!.metadata).toBe(false);
    const doc = xml.parse(await (await request(`${base}/services.xml`)).text());
    expect(doc.services.service).toHaveLength(10);
    expect(doc.services.service[8]).toMatchObject({
      service_code: 'street_light',
      service_name: '路灯',
      metadata: true,
    });
  });

  it('service definition lists attributes with their values, 404 in the spec’s error form otherwise', async () => {
    const def = await (await request(`${base}/services/street_light.json`)).json<{
      attributes: { code: string; required: boolean; values?: { key: string }[] }[];
    }>();
    expect(def.attributes.map((a) => [a.code, a.required])).toEqual([
      ['fault', true],
      ['pole_number', false],
    ]);
    expect(def.attributes[0]!.values!.map((v) => v.key)).toEqual(['dark', 'always_on', 'flicker', 'pole_damaged']);
    const doc = xml.parse(await (await request(`${base}/services/street_light.xml`)).text());
    expect(doc.service_definition.attributes.attribute[0].values.value).toHaveLength(4);
    const missing = await request(`${base}/services/unicorns.json`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual([{ code: 404, description: 'service_code not found: unicorns' }]);
    const missingXml = await request(`${base}/services/unicorns.xml`);
    expect(xml.parse(await missingXml.text())).toEqual({
      '?xml': '',
      errors: { error: [{ code: 404, description: 'service_code not found: unicorns' }] },
    });
  });
});

describe('Open311 POST requests', () => {
  it('creates a ticket and answers with its id and a token that maps back to it', async () => {
    const fields = report();
    const res = await post(fields);
    expect(res.status).toBe(201);
    const [item] = await res.json<{ service_request_id: string; token: string; service_notice: string }[]>();
    expect(item!.service_request_id).toMatch(/^A\d+/);
    const ticket = await env.DB.prepare(
      `SELECT t.title, t.text, t.lat, t.lng, t.location_address AS address, t.consent_to_publish AS consent,
              c.email, c.name
       FROM tickets t JOIN contacts c ON c.id = t.contact_id WHERE t.ticket_no = ?`,
    )
      .bind(item!.service_request_id)
      .first();
    expect(ticket).toEqual({
      title: '路灯',
      text: `${fields.description}\n故障类型：不亮\n灯杆编号（杆身上的编号，可不填）：HZ-0427`,
      lat: 30.274085,
      lng: 120.15507,
      address: '西湖区文三路 88 号门口',
      consent: 1,
      email: 'citizen@example.com',
      name: '陈明',
    });
    const token = await (await request(`${base}/tokens/${item!.token}.json`)).json();
    expect(token).toEqual([{ service_request_id: item!.service_request_id, token: item!.token }]);
    // The answer itself is the acknowledgement (the client keeps the number): no e-mail is queued.
    expect(item!.service_notice).toContain(item!.service_request_id);
    const acks = await env.DB.prepare(
      `SELECT count(*) AS n FROM outbox o JOIN tickets t ON t.id = o.ticket_id WHERE t.ticket_no = ?`,
    )
      .bind(item!.service_request_id)
      .first<{ n: number }>();
    expect(acks!.n).toBe(0);
  });

  it('a retried identical POST is the same request, not a second ticket', async () => {
    const fields = report();
    const first = (await (await post(fields)).json<{ service_request_id: string }[]>())[0]!;
    const before = await open311InboxCount();
    const again = await post(fields, 'xml');
    expect(again.status).toBe(200);
    const doc = xml.parse(await again.text());
    expect(doc.service_requests.request[0].service_request_id).toBe(first.service_request_id);
    expect(await open311InboxCount()).toBe(before);
  });

  it('refuses a missing or wrong api_key with 403, storing nothing', async () => {
    const before = await open311InboxCount();
    const wrong = await post(report({ api_key: 'guessed' }));
    expect(wrong.status).toBe(403);
    expect(await wrong.json()).toEqual([{ code: 403, description: 'api_key is missing or not valid' }]);
    const { api_key: _k, ...noKey } = report();
    const missing = await post(noKey, 'xml');
    expect(missing.status).toBe(403);
    expect(xml.parse(await missing.text()).errors.error[0].code).toBe(403);
    expect(await open311InboxCount()).toBe(before);
  });

  it('explains malformed requests in the spec’s error form (400/404), storing nothing', async () => {
    const before = await open311InboxCount();
    const cases: [Record<string, string>, number, string][] = [
      [report({ lat: '', long: '', address_string: '' }), 400, 'lat and long, or address_string, is required'],
      [report({ lat: '91', long: '120' }), 400, 'lat and long must both be given as WGS84 decimal degrees'],
      [report({ service_code: 'ufo' }), 404, 'service_code not found: ufo'],
      [report({ 'attribute[fault]': '' }), 400, 'attribute[fault] (故障类型) is required'],
      [
        report({ 'attribute[fault]': 'exploded' }),
        400,
        'attribute[fault] must be one of dark, always_on, flicker, pole_damaged',
      ],
      [report({ email: 'not-mail' }), 400, 'email is not a valid address'],
      [report({ description: '灯'.repeat(4001) }), 400, 'description is longer than 4000 characters'],
    ];
    for (const [fields, status, description] of cases) {
      const res = await post(fields);
      expect(res.status).toBe(status);
      expect(await res.json()).toEqual([{ code: status, description }]);
    }
    const huge = await post(report({ description: '灯'.repeat(30_000) }));
    expect(huge.status).toBe(413);
    expect(await open311InboxCount()).toBe(before);
  });
});

describe('Open311 GET requests (public view)', () => {
  it('shows published requests with their stored redacted texts and no contact data; hides the rest', async () => {
    const fields = report();
    const shown = (await (await post(fields)).json<{ service_request_id: string }[]>())[0]!.service_request_id;
    const hidden = (await (await post(report({ consent_to_publish: '' }))).json<{ service_request_id: string }[]>())[0]!
      .service_request_id;
    // Consented, but its reviewer has not approved it yet: as unpublished as the one without consent.
    const pending = (await (await post(report())).json<{ service_request_id: string }[]>())[0]!.service_request_id;
    const stored = {
      title: '路灯',
      question: fields.description.replace('13812345678', '138****5678'),
      reply: '经核查，该路段路灯线路老化，已于当日更换，恢复照明。',
      address: '西湖区文三路**号附近',
    };
    await publish(shown, stored);
    await publish(pending, { ...stored, question: '待审核的摘要' }, 'pending');

    const one = await request(`${base}/requests/${shown}.json`);
    expect(one.status).toBe(200);
    const [item] = await one.json<Record<string, unknown>[]>();
    expect(item).toMatchObject({
      service_request_id: shown,
      status: 'open',
      status_notes: stored.reply,
      service_code: 'street_light',
      service_name: '路灯',
      agency_responsible: '市城市管理局',
      service_notice: '',
      // The stored question, not the ticket's text (which has the number and the attributes)…
      description: stored.question,
      address: stored.address,
      // …and the place to three decimals (about 100 m).
      lat: 30.274,
      long: 120.155,
    });
    expect(item!.description).toContain('联系电话138****5678');
    expect(JSON.stringify(item)).not.toContain('13812345678');
    expect(JSON.stringify(item)).not.toContain('citizen@example.com');
    expect(JSON.stringify(item)).not.toContain('陈明');
    expect(JSON.stringify(item)).not.toContain('文三路 88 号');
    expect(JSON.stringify(item)).not.toContain('30.274085');
    expect(item!.requested_datetime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);

    // The unpublished ones are there for their senders to poll, with nothing the resident wrote.
    const list = await (await request(`${base}/requests.json?service_request_id=${shown},${hidden},${pending}`)).json<
      { service_request_id: string; description: string; address: string; lat?: number }[]
    >();
    expect(list.map((r) => r.service_request_id).sort()).toEqual([shown, hidden, pending].sort());
    for (const id of [hidden, pending]) {
      const r = list.find((x) => x.service_request_id === id)!;
      expect([r.description, r.address, r.lat]).toEqual(['', '', undefined]);
    }
    // A period's list is the public record: published requests only.
    const period = await (await request(`${base}/requests.json`)).json<{ service_request_id: string }[]>();
    expect(period.map((r) => r.service_request_id)).toContain(shown);
    expect(period.map((r) => r.service_request_id)).not.toContain(hidden);
    expect(period.map((r) => r.service_request_id)).not.toContain(pending);
  });

  it('an unpublished request shows its status, service and dates only, in JSON and XML', async () => {
    const fields = report({ consent_to_publish: '', phone: '13912345678' });
    const id = (await (await post(fields)).json<{ service_request_id: string }[]>())[0]!.service_request_id;
    // A declined publication's stored texts are not shown either.
    await publish(
      id,
      { title: '不予公开标题', question: '不予公开摘要', reply: '不予公开答复', address: '不予公开地址' },
      'declined',
    );
    const row = await env.DB.prepare('SELECT status, received_at AS receivedAt FROM tickets WHERE ticket_no = ?')
      .bind(id)
      .first<{ status: string; receivedAt: number }>();
    const requested = new Date(row!.receivedAt + 8 * 3600_000).toISOString().replace(/\.\d{3}Z$/, '+08:00');
    const notes = { received: '已受理', dispatched: '已派单' }[row!.status as 'received' | 'dispatched'];
    expect(notes).toBeDefined();
    const secrets = [
      fields.description.slice(0, 12),
      fields.description.slice(-37, -1),
      '文三路',
      '30.274',
      '120.155',
      'citizen@example.com',
      '陈明',
      '13912345678',
      'HZ-0427',
      '不亮',
      '不予公开',
      '市城市管理局',
    ];

    const one = await request(`${base}/requests/${id}.json`);
    expect(one.status).toBe(200);
    const text = await one.text();
    for (const secret of secrets) expect(text).not.toContain(secret);
    const [item] = JSON.parse(text) as Record<string, unknown>[];
    expect(item).toMatchObject({
      service_request_id: id,
      status: 'open',
      status_notes: notes,
      service_code: 'street_light',
      service_name: '路灯',
      description: '',
      address: '',
      requested_datetime: requested,
    });
    expect(item).not.toHaveProperty('lat');
    expect(item).not.toHaveProperty('long');

    const asXml = await request(`${base}/requests/${id}.xml`);
    expect(asXml.status).toBe(200);
    const xmlText = await asXml.text();
    for (const secret of secrets) expect(xmlText).not.toContain(secret);
    const shownXml = xml.parse(xmlText).service_requests.request[0];
    expect(shownXml).toMatchObject({
      service_request_id: id,
      status: 'open',
      service_code: 'street_light',
      requested_datetime: requested,
    });
    expect(shownXml).not.toHaveProperty('lat');

    for (const format of ['json', 'xml']) {
      const listed = await (await request(`${base}/requests.${format}?service_request_id=${id}`)).text();
      expect(listed).toContain(id);
      for (const secret of secrets) expect(listed).not.toContain(secret);
    }
  });

  it('filters by service_code, status and dates, in XML too', async () => {
    const id = (await (await post(report())).json<{ service_request_id: string }[]>())[0]!.service_request_id;
    await publish(id, { title: '路灯', question: '路灯不亮', reply: '已修复' });
    const ids = async (query: string) =>
      (await (await request(`${base}/requests.json?${query}`)).json<{ service_request_id: string }[]>()).map(
        (r) => r.service_request_id,
      );
    expect(await ids('service_code=street_light')).toContain(id);
    expect(await ids('service_code=transport')).not.toContain(id);
    expect(await ids('status=open')).toContain(id);
    expect(await ids('status=closed')).not.toContain(id);
    expect(await ids('start_date=2020-01-01T00:00:00Z&end_date=2020-02-01T00:00:00Z')).toEqual([]);
    const doc = xml.parse(await (await request(`${base}/requests.xml?service_code=street_light`)).text());
    expect(doc.service_requests.request.map((r: { service_request_id: string }) => r.service_request_id)).toContain(id);
    const bad = await request(`${base}/requests.json?status=pending`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual([{ code: 400, description: 'status must be open or closed' }]);
  });

  it('a request merged into another follows that one’s status and names it', async () => {
    const first = (await (await post(report())).json<{ service_request_id: string }[]>())[0]!.service_request_id;
    const second = (await (await post(report())).json<{ service_request_id: string }[]>())[0]!.service_request_id;
    expect((await act(second, 'merge', 'dispatcher', { intoTicketNo: first })).status).toBe(200);
    await publish(first, { title: '路灯', question: '文三路路灯不亮', reply: '已修复' });
    const [item] = await (await request(`${base}/requests/${second}.json`)).json<Record<string, unknown>[]>();
    expect(item).toMatchObject({ status: 'open', status_notes: `已合并至工单 ${first} 办理`, description: '' });
    const [into] = await (await request(`${base}/requests/${first}.json`)).json<Record<string, unknown>[]>();
    expect(into).toMatchObject({ status_notes: '已修复', description: '文三路路灯不亮' });
    expect(
      (await (await request(`${base}/requests.json?status=open&service_request_id=${second}`)).json<unknown[]>())
        .length,
    ).toBe(1);
    expect(
      (await (await request(`${base}/requests.json?status=closed&service_request_id=${second}`)).json<unknown[]>())
        .length,
    ).toBe(0);
  });

  it('answers for 100 and 150 ids (past D1’s 100 bound parameters) and refuses more than 200', async () => {
    // 150 tickets straight into the table, every other one published (its publication stores the
    // redacted text); ids no ticket has are left out.
    const ticketNo = (i: number) => `A1999${String(i).padStart(9, '0')}`;
    const at = Date.parse('2026-10-08T02:00:00Z');
    const insert = env.DB.prepare(
      `INSERT INTO tickets (id, ticket_no, query_code, channel, title, text, type, status, category, consent_to_publish,
         received_at, created_at, updated_at)
       VALUES (?1, ?2, '000000', 'api', NULL, ?3, '投诉', 'received', '交通运输', ?4, ?5, ?5, ?5)`,
    );
    await env.DB.batch(
      Array.from({ length: 150 }, (_, i) =>
        insert.bind(`bulk-${i}`, ticketNo(i), `公交站台第${i}号候车亭顶棚破损漏雨，联系电话13900001111`, 1, at + i),
      ),
    );
    await insertPublications(
      Array.from({ length: 75 }, (_, k) => {
        const i = 2 * k;
        return {
          ticketNo: ticketNo(i),
          ticketId: `bulk-${i}`,
          title: '候车亭顶棚破损',
          question: `公交站台第${i}号候车亭顶棚破损漏雨，联系电话139****1111`,
          reply: '已维修',
          receivedAt: at + i,
          repliedAt: at + i,
        };
      }),
    );
    type Item = { service_request_id: string; description: string };
    const ask = async (ids: string[], format = 'json') =>
      request(`${base}/requests.${format}?service_request_id=${ids.join(',')}`);

    const hundred = Array.from({ length: 100 }, (_, i) => ticketNo(i));
    const res100 = await ask(hundred);
    expect(res100.status).toBe(200);
    const items100 = await res100.json<Item[]>();
    expect(items100.map((r) => r.service_request_id).sort()).toEqual(hundred);
    const described = items100.filter((r) => r.description !== '').map((r) => r.service_request_id);
    expect(described.sort()).toEqual(hundred.filter((_, i) => i % 2 === 0));
    expect(items100.find((r) => r.service_request_id === ticketNo(4))!.description).toBe(
      '候车亭顶棚破损：公交站台第4号候车亭顶棚破损漏雨，联系电话139****1111',
    );
    expect(JSON.stringify(items100)).not.toContain('13900001111');

    // All 150, each named twice, and 20 ids nobody has: 320 names, 170 distinct, 150 answers.
    const all = Array.from({ length: 150 }, (_, i) => ticketNo(i));
    const unknown = Array.from({ length: 20 }, (_, i) => ticketNo(500 + i));
    const res150 = await ask([...all, ...unknown, ...all]);
    expect(res150.status).toBe(200);
    expect((await res150.json<Item[]>()).map((r) => r.service_request_id).sort()).toEqual(all);
    const xml150 = xml.parse(await (await ask([...all, ...all], 'xml')).text());
    expect(xml150.service_requests.request).toHaveLength(150);

    const tooMany = Array.from({ length: 201 }, (_, i) => ticketNo(i));
    for (const format of ['json', 'xml']) {
      const res = await ask(tooMany, format);
      expect(res.status).toBe(400);
      const description = 'service_request_id names 201 requests; ask for at most 200 at a time';
      if (format === 'json') expect(await res.json()).toEqual([{ code: 400, description }]);
      else expect(xml.parse(await res.text()).errors.error).toEqual([{ code: 400, description }]);
    }
    // Repeating a service code is no way round the limit either.
    const codes = Array.from({ length: 120 }, () => 'transport').join(',');
    const byCode = await request(
      `${base}/requests.json?service_code=${codes}&start_date=2026-10-08T00:00:00Z&end_date=2026-10-09T00:00:00Z`,
    );
    expect(byCode.status).toBe(200);
    expect((await byCode.json<Item[]>()).map((r) => r.service_request_id).sort()).toEqual(
      all.filter((_, i) => i % 2 === 0),
    );
  });

  it('unknown ids, tokens and formats are 404s in the spec’s form', async () => {
    expect(await (await request(`${base}/requests/A0000000000.json`)).json()).toEqual([
      { code: 404, description: 'service_request_id not found: A0000000000' },
    ]);
    expect((await request(`${base}/tokens/nope.xml`)).status).toBe(404);
    expect((await request(`${base}/services.yaml`)).status).toBe(404);
  });
});
