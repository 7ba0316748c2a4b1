import { env } from 'cloudflare:test';
import { eq } from 'drizzle-orm';
import PostalMime from 'postal-mime';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../db/client';
import { outbox } from '../../db/schema';
import worker from '../../worker/index';
import { buildReplyMime, composeEmailDelivery, sendEmail } from './email-sender';
import { htmlToText } from './html-to-text';
import { handleMailboxEmail, mailboxEmailMaxBytes } from './mailbox-email';

const b64 = (s: string) => btoa(String.fromCharCode(...new TextEncoder().encode(s)));

/** A real mail as a resident's client sends it: encoded Chinese subject, quoted-printable body. */
function residentMail(messageId: string, extraHeaders = '') {
  const subject = '小区垃圾站臭味严重';
  // "垃圾站每天下午才清运，夏天臭味很重。" as UTF-8 quoted-printable, with a soft line break.
  const body =
    '=E5=9E=83=E5=9C=BE=E7=AB=99=E6=AF=8F=E5=A4=A9=E4=B8=8B=E5=8D=88=E6=89=8D=E6=B8=85=E8=BF=90=EF=BC=8C=\r\n' +
    '=E5=A4=8F=E5=A4=A9=E8=87=AD=E5=91=B3=E5=BE=88=E9=87=8D=E3=80=82';
  return [
    `From: =?UTF-8?B?${b64('王女士')}?= <wang.resident@example.com>`,
    'To: mayor@mailbox.localhost',
    `Subject: =?UTF-8?B?${b64(subject)}?=`,
    `Message-ID: ${messageId}`,
    'Date: Mon, 04 May 2026 09:30:00 +0800',
    'MIME-Version: 1.0',
    ...(extraHeaders ? [extraHeaders] : []),
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    body,
    '',
  ].join('\r\n');
}

function incoming(raw: string | Uint8Array, from = 'wang.resident@example.com') {
  const bytes = typeof raw === 'string' ? new TextEncoder().encode(raw) : raw;
  const rejected: string[] = [];
  return {
    message: {
      from,
      to: 'mayor@mailbox.localhost',
      rawSize: bytes.byteLength,
      raw: new Response(bytes).body!,
      setReject: (reason: string) => void rejected.push(reason),
    },
    rejected,
  };
}

const inboxCount = async (externalId: string) =>
  (await env.DB.prepare(`SELECT count(*) AS n FROM inbox WHERE channel = 'email' AND external_id = ?`)
    .bind(externalId)
    .first<{ n: number }>())!.n;
const allEmailInbox = async () =>
  (await env.DB.prepare(`SELECT count(*) AS n FROM inbox WHERE channel = 'email'`).first<{ n: number }>())!.n;

describe('mailbox e-mail intake', () => {
  it('is what the Worker does with mail sent to the mailbox address', async () => {
    const mail = incoming(residentMail('<via-worker.20260504@example.com>'));
    await worker.email(mail.message as unknown as ForwardableEmailMessage, env);
    expect(mail.rejected).toEqual([]);
    expect(await inboxCount('<via-worker.20260504@example.com>')).toBe(1);
  });

  it('turns a MIME mail into a ticket: decoded subject as title, QP body as text, sender as contact', async () => {
    const mail = incoming(residentMail('<r1.20260504@example.com>'));
    const outcome = await handleMailboxEmail(mail.message, env);
    expect(mail.rejected).toEqual([]);
    expect(outcome).toMatchObject({ kind: 'accepted', duplicate: false });
    const ticketNo = (outcome as { ticketNo: string }).ticketNo;
    const ticket = await env.DB.prepare(
      'SELECT t.title, t.text, t.channel, c.email, c.name ' +
        'FROM tickets t JOIN contacts c ON c.id = t.contact_id WHERE t.ticket_no = ?',
    )
      .bind(ticketNo)
      .first();
    expect(ticket).toEqual({
      title: '小区垃圾站臭味严重',
      text: '垃圾站每天下午才清运，夏天臭味很重。',
      channel: 'email',
      email: 'wang.resident@example.com',
      name: '王女士',
    });
    const inbox = await env.DB.prepare(`SELECT raw FROM inbox WHERE external_id = '<r1.20260504@example.com>'`).first<{
      raw: string;
    }>();
    expect(inbox!.raw).toBe(residentMail('<r1.20260504@example.com>'));
  });

  it('keys on the Message-ID: the same mail delivered twice is one ticket', async () => {
    const first = await handleMailboxEmail(incoming(residentMail('<r2@example.com>')).message, env);
    const again = await handleMailboxEmail(incoming(residentMail('<r2@example.com>')).message, env);
    expect(again).toEqual({ kind: 'accepted', ticketNo: (first as { ticketNo: string }).ticketNo, duplicate: true });
    expect(await inboxCount('<r2@example.com>')).toBe(1);
  });

  it('reads an HTML-only mail as text', async () => {
    expect(
      htmlToText(
        '<html><head><style>p{}</style></head><body><p>路灯&nbsp;不亮</p><p>已经三天&lt;急&gt;</p></body></html>',
      ),
    ).toBe('路灯 不亮\n已经三天<急>');
  });

  it('decodes every kind of entity and keeps only what a reader sees', () => {
    expect(htmlToText('<p>&#x5F20;&#x4E09; &amp; &#26446;&#22235;&nbsp;&ldquo;投诉&rdquo;</p>')).toBe(
      '张三 & 李四 “投诉”',
    );
    expect(
      htmlToText(
        '<html><head><title>标题</title><script>alert("x")</script></head>\n<body>\n  <div>第一行</div>\n' +
          '  <div>第二行<br>第三行</div>\n  <ul><li>甲</li><li>乙</li></ul>\n</body></html>',
      ),
    ).toBe('第一行\n第二行\n第三行\n甲\n乙');
    // A stray "<" or an unknown entity is text, not a reason to drop the mail.
    expect(htmlToText('<p>价格 < 10 元 &unknown; 5&amp;6</p>')).toBe('价格 < 10 元 &unknown; 5&6');
  });

  it('turns an HTML-only mail with encoded entities into the ticket text', async () => {
    const html = '<div>&#x5F20;&#x4E09;反映：和平路&amp;建设路口&nbsp;红绿灯不亮</div>';
    const raw = [
      'From: resident@example.com',
      'To: mayor@mailbox.localhost',
      `Subject: =?UTF-8?B?${b64('路口红绿灯')}?=`,
      'Message-ID: <html-only.20260504@example.com>',
      'MIME-Version: 1.0',
      'Content-Type: text/html; charset=UTF-8',
      '',
      html,
      '',
    ].join('\r\n');
    const outcome = await handleMailboxEmail(incoming(raw, 'resident@example.com').message, env);
    expect(outcome).toMatchObject({ kind: 'accepted' });
    const ticketNo = (outcome as { ticketNo: string }).ticketNo;
    const row = await env.DB.prepare('SELECT text FROM tickets WHERE ticket_no = ?1')
      .bind(ticketNo)
      .first<{ text: string }>();
    expect(row?.text).toBe('张三反映：和平路&建设路口 红绿灯不亮');
  });

  it('rejects mail the MIME parser refuses, with the reason, storing nothing', async () => {
    const before = await allEmailInbox();
    const nested = Array.from(
      { length: 25 },
      (_, i) => `Content-Type: multipart/mixed; boundary=b${i}\r\n\r\n--b${i}`,
    ).join('\r\n');
    const deep = incoming(`From: resident@example.com\r\nMessage-ID: <deep@example.com>\r\n${nested}\r\n\r\ntext\r\n`);
    expect(await handleMailboxEmail(deep.message, env)).toEqual({
      kind: 'rejected',
      reason: '邮件格式无法解析，未受理。The message could not be parsed as MIME; not accepted.',
    });
    const headers = incoming(`From: resident@example.com\r\nX-Padding: ${'a'.repeat(70 * 1024)}\r\n\r\ntext\r\n`);
    expect(await handleMailboxEmail(headers.message, env)).toMatchObject({ kind: 'rejected' });
    expect(headers.rejected[0]).toContain('无法解析');
    const binary = incoming(crypto.getRandomValues(new Uint8Array(4096)));
    expect(await handleMailboxEmail(binary.message, env)).toMatchObject({ kind: 'rejected' });
    expect(binary.rejected).toHaveLength(1);
    expect(await allEmailInbox()).toBe(before);
  });

  it('rejects mail over 1 MB and unparseable mail, storing nothing', async () => {
    const before = await allEmailInbox();
    const big = residentMail('<big@example.com>') + 'A'.repeat(mailboxEmailMaxBytes);
    const m1 = incoming(big);
    expect(await handleMailboxEmail(m1.message, env)).toMatchObject({ kind: 'rejected' });
    expect(m1.rejected[0]).toContain('1 MB');
    const m2 = incoming('this is not a mail at all, no headers, no body');
    expect(await handleMailboxEmail(m2.message, env)).toMatchObject({ kind: 'rejected' });
    expect(m2.rejected[0]).toContain('无法解析');
    // A mail that says it is small but streams more than the limit is cut off too.
    const liar = incoming(big);
    liar.message.rawSize = 100;
    expect(await handleMailboxEmail(liar.message, env)).toMatchObject({ kind: 'rejected' });
    expect(await allEmailInbox()).toBe(before);
  });

  it('drops auto-replies without a ticket (no acknowledgement loops)', async () => {
    const mail = incoming(residentMail('<ooo@example.com>', 'Auto-Submitted: auto-replied'));
    expect(await handleMailboxEmail(mail.message, env)).toMatchObject({ kind: 'ignored' });
    expect(mail.rejected).toEqual([]);
    expect(await inboxCount('<ooo@example.com>')).toBe(0);
  });
});

describe('answers by e-mail', () => {
  it('builds a MIME reply threaded on the resident’s Message-ID', async () => {
    const raw = buildReplyMime({
      from: 'mayor@mailbox.localhost',
      fromName: '12345 市长信箱',
      to: 'wang.resident@example.com',
      subject: 'Re: 小区垃圾站臭味严重',
      body: '您的诉求已受理。工单号：A2026050400007，查询码：042917。',
      inReplyTo: '<r1.20260504@example.com>',
      messageId: '<reply-1@mailbox.localhost>',
    });
    expect(raw).toMatch(/\r\nIn-Reply-To: <r1\.20260504@example\.com>\r\n/);
    const parsed = await PostalMime.parse(raw);
    expect(parsed.subject).toBe('Re: 小区垃圾站臭味严重');
    expect(parsed.inReplyTo).toBe('<r1.20260504@example.com>');
    expect(parsed.references).toBe('<r1.20260504@example.com>');
    expect(parsed.messageId).toBe('<reply-1@mailbox.localhost>');
    expect(parsed.from).toEqual({ name: '12345 市长信箱', address: 'mayor@mailbox.localhost' });
    expect(parsed.text?.trim()).toBe('您的诉求已受理。工单号：A2026050400007，查询码：042917。');
  });

  it('sends the acknowledgement of an e-mail ticket back in its thread through MAILBOX_EMAIL', async () => {
    const outcome = await handleMailboxEmail(incoming(residentMail('<r3@example.com>')).message, env);
    const ticketNo = (outcome as { ticketNo: string }).ticketNo;
    const row = await env.DB.prepare(
      `SELECT o.* FROM outbox o JOIN tickets t ON t.id = o.ticket_id WHERE t.ticket_no = ? AND o.kind = 'ack'`,
    )
      .bind(ticketNo)
      .first<Record<string, unknown>>();
    expect(row).toMatchObject({ channel: 'email', recipient: 'wang.resident@example.com' });
    // The row as the delivery run reads it.
    const [delivery] = await openDb(env.DB)
      .select()
      .from(outbox)
      .where(eq(outbox.id, row!.id as string));
    const sent: { from: string; to: string }[] = [];
    const binding = {
      send: async (m: { from: string; to: string }) => void sent.push({ from: m.from, to: m.to }),
    } as unknown as SendEmail;
    await sendEmail({ ...env, MAILBOX_EMAIL: binding }, delivery!);
    expect(sent).toEqual([{ from: 'mayor@mailbox.localhost', to: 'wang.resident@example.com' }]);
    // What was sent: the acknowledgement, in the thread of the resident's mail.
    const mail = await composeEmailDelivery(env, delivery!, 'mayor@mailbox.localhost');
    const parsed = await PostalMime.parse(mail.raw);
    expect(parsed.inReplyTo).toBe('<r3@example.com>');
    expect(parsed.subject).toBe('Re: 小区垃圾站臭味严重');
    expect(parsed.text).toContain(ticketNo);
    expect(parsed.to).toEqual([{ name: '', address: 'wang.resident@example.com' }]);
  });
});
