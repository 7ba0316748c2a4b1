// Posts the mailbox cannot read as a form: each answers the mailbox's Chinese page with a 4xx,
// and nothing reaches the inbox.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { request } from '../../tests/helpers';

const url = 'http://hub.test/mailbox';

const inboxCount = async () =>
  (await env.DB.prepare("SELECT count(*) AS n FROM inbox WHERE channel = 'mailbox'").first<{ n: number }>())!.n;

function post(body: BodyInit, contentType?: string) {
  return request(url, {
    method: 'POST',
    headers: { 'cf-connecting-ip': '192.0.2.80', ...(contentType ? { 'content-type': contentType } : {}) },
    body,
  });
}

async function expectPage(res: Response, status: number, text: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toContain('text/html');
  const html = await res.text();
  expect(html).toContain(text);
  expect(html).toContain('返回市长信箱');
}

describe('mailbox posts that are not a readable form', () => {
  it.each([
    ['JSON', '{"title":"夜间施工噪音扰民"}', 'application/json'],
    ['plain text', 'title=夜间施工噪音扰民', 'text/plain'],
    ['XML', '<xml><title>噪音</title></xml>', 'text/xml'],
    ['a look-alike type', 'title=x', 'application/x-www-form-urlencoded-evil'],
  ])('%s answers 415 with the mailbox page', async (_, body, type) => {
    const before = await inboxCount();
    await expectPage(await post(body, type), 415, '提交的内容不是表单');
    expect(await inboxCount()).toBe(before);
  });

  it('a multipart body that does not match its boundary answers 400 with the mailbox page', async () => {
    const before = await inboxCount();
    await expectPage(await post('not a multipart body', 'multipart/form-data; boundary=abc'), 400, '无法读取');
    await expectPage(await post('--abc\r\n\r\n', 'multipart/form-data'), 400, '无法读取');
    expect(await inboxCount()).toBe(before);
  });

  it('a multipart form is read like an urlencoded one', async () => {
    const form = new FormData();
    form.set('nonce', 'not-a-nonce');
    form.set('title', '夜间施工噪音扰民');
    const res = await request(url, { method: 'POST', body: form });
    // The nonce check comes after parsing: the form comes back with the title it carried.
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('页面已过期');
    expect(html).toContain('value="夜间施工噪音扰民"');
  });

  it('a body streamed past the limit without a length answers 413 with the mailbox page', async () => {
    const before = await inboxCount();
    const chunk = new TextEncoder().encode(`content=${'很'.repeat(10_000)}`);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 4; i++) controller.enqueue(chunk);
        controller.close();
      },
    });
    await expectPage(await post(stream, 'application/x-www-form-urlencoded'), 413, '超过了长度上限');
    expect(await inboxCount()).toBe(before);
  });
});
