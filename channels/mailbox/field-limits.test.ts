// Every field of the mailbox form has a length limit the hub keeps itself (a browser's maxlength
// is the resident's help, not a guard): one character over is a 422 page that says which field
// and by how much, with nothing stored and nothing cut short; at the limit the letter is taken.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { request } from '../../tests/helpers';
import { formId, formNonce, mailboxUrl } from './mailbox-test-steps';
import { mailboxLimits } from './mailbox-views';

let ipSeq = 0;

async function post(overrides: Record<string, string>) {
  const nonce = await formNonce();
  const fields = {
    nonce,
    type: '建议',
    title: '建议增设公交站点',
    content: '新建小区附近一公里内没有公交站，老人出行不便，建议增设站点。',
    phone: '13900003333',
    website: '',
    ...overrides,
  };
  const res = await request(mailboxUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'cf-connecting-ip': `192.0.2.${++ipSeq}` },
    body: new URLSearchParams(fields).toString(),
  });
  return { res, html: await res.text(), nonce };
}

const storedText = (nonce: string) =>
  env.DB.prepare(
    `SELECT t.title, t.text, t.location_address AS location, c.name, c.phone, c.email
     FROM inbox i JOIN tickets t ON t.id = i.ticket_id JOIN contacts c ON c.id = t.contact_id
     WHERE i.channel = 'mailbox' AND i.external_id = ?`,
  )
    .bind(`form-${formId(nonce)}`)
    .first<Record<string, string | null>>();

const overLong: Array<[field: string, value: string, message: string]> = [
  ['title', '很'.repeat(101), '标题不能超过 100 个字'],
  ['content', 'a'.repeat(5001), '内容不能超过 5000 个字'],
  ['location', '路'.repeat(201), '地点不能超过 200 个字'],
  ['name', '王'.repeat(51), '姓名不能超过 50 个字'],
  ['phone', '1'.repeat(21), '电话号码不能超过 20 位'],
  ['email', `${'a'.repeat(190)}@example.com`, '电子邮箱太长'],
];

describe('mailbox field lengths', () => {
  it.each(overLong)(
    'a %s one past its limit is a 422 page naming it, storing nothing',
    async (field, value, message) => {
      const { res, html, nonce } = await post({ [field]: value });
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(html).toContain(`<div class="error" id="${field}-error" role="alert">${message}</div>`);
      expect(html).toContain('提交未成功，请按提示修改标红的项目。');
      expect(await storedText(nonce)).toBeNull();
    },
  );

  it('a title far past the limit is refused, not cut to fit', async () => {
    const { res, nonce } = await post({ title: 'x'.repeat(20_000) });
    expect(res.status).toBe(422);
    expect(await storedText(nonce)).toBeNull();
  });

  it('takes every field at its limit whole', async () => {
    const at = {
      title: '很'.repeat(100),
      content: 'a'.repeat(5000),
      location: '路'.repeat(200),
      name: '王'.repeat(50),
      phone: '0571-88001234-123456',
      email: 'resident@example.com',
    };
    expect(at.phone).toHaveLength(mailboxLimits.phone);
    const { res, nonce } = await post(at);
    expect(res.status).toBe(201);
    expect(await storedText(nonce)).toEqual({
      title: at.title,
      text: at.content,
      location: at.location,
      name: at.name,
      phone: at.phone,
      email: at.email,
    });
  });
});
