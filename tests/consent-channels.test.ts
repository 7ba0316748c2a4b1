// The resident's consent to publish, from every channel into tickets.consent_to_publish: given only
// where the resident said yes (the mailbox checkbox, the caller's answer in the call payload,
// Open311's consent_to_publish extension, the API's consentToPublish, an import's record), and
// nowhere by default. An e-mail has no checkbox: it is unconsented whatever it says, and the
// resident can consent on the tracking page. (WeChat and the Wechaty bridge: consent by answer,
// channels/wechat/consent-by-answer.test.ts and channels/wechaty-hub/consent-by-answer.test.ts.)
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { handleMailboxEmail } from '../channels/email/mailbox-email';
import { signHubRequest } from '../channels/hub-signature';
import { formId, formNonce } from '../channels/mailbox/mailbox-test-steps';
import { phoneCall } from '../channels/phone/test-calls';
import { BASE, count, createTicket, message, postMessage, request } from './helpers';

const consentOf = (ticketNo: string) =>
  count('SELECT consent_to_publish AS n FROM tickets WHERE ticket_no = ?', ticketNo);

const unique = () => crypto.randomUUID().slice(0, 8);

describe('the mailbox', () => {
  let ip = 0;
  async function send(consent: string | null) {
    const fields: Record<string, string> = {
      nonce: await formNonce(),
      type: '建议',
      title: '公交站台增设遮阳棚',
      content: `文二路公交站台夏天没有遮挡，候车的老人晒得受不了，建议增设遮阳棚。（${unique()}）`,
      location: '西湖区文二路',
      name: '周先生',
      phone: '13900002222',
      email: '',
      website: '',
      ...(consent === null ? {} : { consent }),
    };
    const res = await request(`${BASE}/mailbox`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'cf-connecting-ip': `198.51.100.${200 + ++ip}` },
      body: new URLSearchParams(fields).toString(),
    });
    expect(res.status).toBe(201);
    return count(
      `SELECT t.consent_to_publish AS n FROM inbox i JOIN tickets t ON t.id = i.ticket_id
       WHERE i.channel = 'mailbox' AND i.external_id = ?`,
      `form-${formId(fields.nonce ?? '')}`,
    );
  }

  it('says plainly what is published, and takes the box ticked as consent and unticked as none', async () => {
    const form = await (await request(`${BASE}/mailbox`)).text();
    expect(form).toContain(
      '同意在政务公开栏目公开我的来信内容和部门的答复（姓名、电话、身份证号、门牌号等个人信息隐去后公开）',
    );
    expect(form).toContain('不勾选则不公开。提交后可凭工单号和查询码在“工单查询”页随时更改。');
    expect(form).not.toMatch(/name="consent"[^>]*checked/);
    expect(await send('yes')).toBe(1);
    expect(await send(null)).toBe(0);
    expect(await send('no')).toBe(0);
  });
});

describe('the phone channel', () => {
  async function call(extra: Record<string, unknown>) {
    const body = JSON.stringify(phoneCall(`C-consent-${unique()}`, extra));
    const { headers } = await signHubRequest('dev-phone-webhook-secret', body);
    const res = await request(`${BASE}/channels/phone/calls`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
    expect(res.status).toBe(201);
    return consentOf(((await res.json()) as { ticketNo: string }).ticketNo);
  }

  it('records the caller’s consentToPublish, and none when the payload does not say', async () => {
    expect(await call({ consentToPublish: true, summary: `东门路灯损坏 ${unique()}` })).toBe(1);
    expect(await call({ consentToPublish: false, summary: `东门路灯损坏 ${unique()}` })).toBe(0);
    expect(await call({ summary: `东门路灯损坏 ${unique()}` })).toBe(0);
  });
});

describe('Open311', () => {
  async function report(consent: string | null) {
    const fields: Record<string, string> = {
      api_key: 'dev-open311-key',
      service_code: 'street_light',
      'attribute[fault]': 'dark',
      lat: '30.274085',
      long: '120.155070',
      address_string: '西湖区文三路 88 号门口',
      description: `文三路这一段的路灯连续三天晚上不亮（${unique()}）`,
      email: `citizen-${unique()}@example.com`,
      ...(consent === null ? {} : { consent_to_publish: consent }),
    };
    const res = await request(`${BASE}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
    expect(res.status).toBe(201);
    return consentOf((await res.json<{ service_request_id: string }[]>())[0]!.service_request_id);
  }

  it('takes the consent_to_publish extension when true, and nothing else as consent', async () => {
    expect(await report('true')).toBe(1);
    expect(await report('false')).toBe(0);
    expect(await report(null)).toBe(0);
  });
});

describe('POST /api/v1/messages', () => {
  it('records consentToPublish, false when absent', async () => {
    expect(await consentOf((await createTicket({ consentToPublish: true })).ticketNo)).toBe(1);
    expect(await consentOf((await createTicket({ consentToPublish: false })).ticketNo)).toBe(0);
    const { consentToPublish: _, ...silent } = message({ sender: { phone: '13900003333' } });
    const res = await postMessage(silent);
    expect(res.status).toBe(201);
    expect(await consentOf(((await res.json()) as { ticketNo: string }).ticketNo)).toBe(0);
  });
});

describe('e-mail', () => {
  it('keeps a mail unconsented, even one that writes 同意公开', async () => {
    const raw = [
      'From: resident@example.com',
      'To: mayor@mailbox.localhost',
      `Message-ID: <consent-${unique()}@example.com>`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=UTF-8',
      '',
      '小区东门的垃圾桶满了好几天没人清运。同意公开',
      '',
    ].join('\r\n');
    const bytes = new TextEncoder().encode(raw);
    const outcome = await handleMailboxEmail(
      {
        from: 'resident@example.com',
        to: 'mayor@mailbox.localhost',
        rawSize: bytes.byteLength,
        raw: new Response(bytes).body!,
        setReject: () => undefined,
      } as unknown as Parameters<typeof handleMailboxEmail>[0],
      env,
    );
    expect(outcome).toMatchObject({ kind: 'accepted' });
    expect(await consentOf((outcome as { ticketNo: string }).ticketNo)).toBe(0);
  });
});

describe('history import', () => {
  it('records each record’s consentToPublish, false when absent', async () => {
    const record = (consent?: boolean) => ({
      externalId: `H-consent-${unique()}`,
      channel: 'mailbox',
      receivedAt: '2025-06-03T09:15:00+08:00',
      text: '东湖小区门口的人行道砖松动多处，雨天踩上去溅水，希望维修。',
      contact: { phone: '13600005678' },
      ...(consent === undefined ? {} : { consentToPublish: consent }),
    });
    const res = await request(`${BASE}/api/v1/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer dev-integration-token' },
      body: JSON.stringify([record(true), record(false), record()]),
    });
    expect(res.status).toBe(200);
    const { results } = (await res.json()) as { results: { ticketNo: string }[] };
    expect(await Promise.all(results.map((r) => consentOf(r.ticketNo)))).toEqual([1, 0, 0]);
  });
});
