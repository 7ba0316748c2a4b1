// The e-mail handler's raw message, fuzzed: headers malformed, folded, repeated or missing; bad
// charsets and transfer encodings; encoded words that do not decode; multipart trees with wrong,
// missing or nested boundaries; huge parts; bytes that are not UTF-8. The handler must never
// throw (a throw makes Email Routing retry the same mail forever); every mail is accepted,
// ignored, or rejected at SMTP time with a reason the sender reads, and a rejection writes nothing.

import { env } from 'cloudflare:test';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { handleMailboxEmail } from '../../channels/email/mailbox-email';
import { hubState } from './answers';
import { freshNonce, hostileText, runs } from './arbitraries';

const headerName = fc.oneof(
  fc.constantFrom('From', 'To', 'Subject', 'Message-ID', 'Content-Type', 'Content-Transfer-Encoding', 'MIME-Version'),
  fc.constantFrom('Auto-Submitted', 'Precedence', 'Reply-To', 'Date', 'X-Odd', ''),
  fc.stringMatching(/^[!-9;-~]{1,20}$/),
);

const charset = fc.constantFrom(
  'utf-8',
  'gb2312',
  'gbk',
  'gb18030',
  'big5',
  'iso-2022-jp',
  'x-unknown',
  '',
  '"',
  'utf-7',
);

const headerValue = fc.oneof(
  hostileText.map((t) => t.replace(/\r?\n/g, ' ')),
  fc.constantFrom(
    '=?UTF-8?B?5L2g5aW9?=',
    '=?UTF-8?B?!!!notbase64?=',
    '=?x-unknown?Q?=E4=BD?=',
    '=?gb2312?B?xOO6ww==?=',
    '=?UTF-8?Q?=ZZ?=',
    '=?=?=?',
    '"王女士" <wang@example.com>',
    '<>',
    'undisclosed-recipients:;',
    'a@b, c@d, "x" <@>',
    'multipart/mixed; boundary=',
    'multipart/mixed; boundary="b1"',
    'multipart/alternative; boundary=b1',
    'text/html; charset=gb2312',
    'message/rfc822',
    'base64',
    'quoted-printable',
    '8bit',
    'x-uuencode',
    'auto-replied',
    'bulk',
  ),
  charset.map((c) => `text/plain; charset=${c}`),
  // Folded over many lines, or one very long line.
  fc.integer({ min: 1, max: 2000 }).map((n) => `a${'\r\n b'.repeat(n)}`),
  fc.integer({ min: 1000, max: 70_000 }).map((n) => 'x'.repeat(n)),
);

const header = fc.tuple(headerName, headerValue).map(([k, v]) => `${k}: ${v}`);

const bodyText = fc.oneof(
  hostileText,
  fc.constantFrom(
    '=E4=BD=A0=\r\n=E5=A5=BD',
    '=ZZ=',
    '5L2g5aW9',
    '!!!',
    '<p>路灯<script>x</script></p>',
    '<html><body>',
  ),
  fc.integer({ min: 10_000, max: 400_000 }).map((n) => '路'.repeat(n)),
);

/** A part of a multipart body: its own headers and body, or a nested multipart under boundary b1/b2. */
const part = fc
  .tuple(fc.array(header, { maxLength: 3 }), bodyText)
  .map(([headers, body]) => `${headers.join('\r\n')}\r\n\r\n${body}`);

const multipart = fc
  .tuple(fc.constantFrom('b1', 'b2', ''), fc.array(part, { maxLength: 4 }), fc.boolean())
  .map(([b, parts, closed]) => `${parts.map((p) => `--${b}\r\n${p}`).join('\r\n')}${closed ? `\r\n--${b}--` : ''}`);

const typicalHeaders = [
  'From: =?UTF-8?B?546L5aWz5aOr?= <wang.resident@example.com>',
  'To: mayor@mailbox.localhost',
  'Subject: =?UTF-8?B?5bCP5Yy65Z6D5Zy+56uZ?=',
  'MIME-Version: 1.0',
];

/** A mail: the typical headers (some dropped), hostile ones added, then a body or a multipart tree. */
const rawMail: fc.Arbitrary<string | Uint8Array> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(fc.subarray(typicalHeaders), fc.array(header, { maxLength: 6 }), fc.oneof(bodyText, multipart))
      .map(([kept, extra, body]) => [...kept, `Message-ID: <${freshNonce()}@fuzz>`, ...extra, '', body].join('\r\n')),
  },
  { weight: 1, arbitrary: hostileText },
  {
    weight: 1,
    arbitrary: fc
      .uint8Array({ maxLength: 2000 })
      .map(
        (bytes) => new Uint8Array([...new TextEncoder().encode(`${typicalHeaders.join('\r\n')}\r\n\r\n`), ...bytes]),
      ),
  },
);

function incoming(raw: string | Uint8Array) {
  const bytes = typeof raw === 'string' ? new TextEncoder().encode(raw) : raw;
  const rejected: string[] = [];
  const message = {
    from: 'wang.resident@example.com',
    to: 'mayor@mailbox.localhost',
    rawSize: bytes.byteLength,
    raw: new Response(bytes).body!,
    setReject: (reason: string) => void rejected.push(reason),
  };
  return { message, rejected };
}

describe('the mailbox address’s raw messages', { timeout: 120_000 }, () => {
  it('never throw: each is accepted, ignored, or rejected with a reason, and a rejection writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(rawMail, async (raw) => {
        const { message, rejected } = incoming(raw);
        const before = await hubState();
        const outcome = await handleMailboxEmail(message, env);
        expect(['accepted', 'ignored', 'rejected']).toContain(outcome.kind);
        if (outcome.kind === 'rejected') {
          expect(rejected).toEqual([outcome.reason]);
          expect(outcome.reason.length).toBeGreaterThan(0);
        } else {
          expect(rejected).toEqual([]);
        }
        if (outcome.kind !== 'accepted') expect(await hubState()).toEqual(before);
      }),
      runs(80),
    );
  });
});
