// Nothing lost under load: thousands of messages (HUB_LOAD_MESSAGES, default 2,100) over every
// channel at once, at a real hub (`wrangler dev` on 127.0.0.1 as `npm start` runs it), each
// from an address of its own as a real deployment sees residents (wrangler dev passes the
// CF-Connecting-IP it is given). One in ten is sent twice at the same moment (a duplicate), one
// in ten is followed by the same resident's same text under a new id (a merge candidate). Then,
// read from the hub's D1: every message is in the inbox exactly once, every inbox row has a
// ticket, a merged ticket points at one that is not, and the duplicates got the first ticket.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiRequest,
  type ChannelRequest,
  type MailboxForm,
  mailboxForm,
  mailboxRequest,
  open311Request,
  phoneRequest,
  residentMail,
  wechatRequest,
  wechatyRequest,
} from '../channel-requests.ts';
import { eventually, type HubProcess, startHub } from './hub-process.ts';

const total = Number(process.env.HUB_LOAD_MESSAGES ?? 2100);
const concurrency = Number(process.env.HUB_LOAD_CONCURRENCY ?? 16);
const channels = ['phone', 'api', 'wechat', 'wechaty', 'open311', 'mailbox', 'email'] as const;
type Channel = (typeof channels)[number];
const chatChannels = new Set<Channel>(['wechat', 'wechaty']);
/** A ticket number: the jurisdiction's letter, the Asia/Shanghai day and a sequence. */
const ticketNoPattern = /A\d{13}/;

interface Answer {
  channel: Channel;
  externalId: string;
  status: number;
  ticketNo: string | null;
  duplicate: boolean;
  appended: boolean;
}

let hub: HubProcess;
const run = Date.now().toString(36);
let addressSeq = 0;
/** An address of its own (10.0.0.0/8) for every request. */
const nextAddress = () => {
  const n = ++addressSeq;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
};

async function send(r: ChannelRequest): Promise<Response> {
  const headers = { 'cf-connecting-ip': nextAddress(), ...r.init.headers };
  // A partner resends a message still in progress (409 intake_in_progress), as it would in production.
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(`${hub.url}${r.path}`, { ...r.init, headers, signal: AbortSignal.timeout(30_000) });
    if (res.status !== 409 || attempt === 5) return res;
    await res.body?.cancel();
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

async function jsonAnswer(channel: Channel, externalId: string, res: Response): Promise<Answer> {
  const body = (await res.json()) as { ticketNo?: string; duplicate?: boolean; appended?: boolean };
  return {
    channel,
    externalId,
    status: res.status,
    ticketNo: body.ticketNo ?? null,
    duplicate: body.duplicate === true,
    appended: body.appended === true,
  };
}

async function pageAnswer(channel: Channel, externalId: string, res: Response): Promise<Answer> {
  const ticketNo = ticketNoPattern.exec(await res.text())?.[0] ?? null;
  return { channel, externalId, status: res.status, ticketNo, duplicate: res.status === 200, appended: false };
}

interface Resident {
  phone: string;
  text: string;
  id: string;
}

/**
 * Sends one message of a resident on a channel; the same `key` is the same message. A duplicate's
 * second copy (`copy` 1) is signed a second earlier: a signed partner signs every attempt afresh,
 * and the hub spends a signature on its first use (channels/signed-replay.ts).
 */
const signedAt = (copy: number) => Date.now() - copy * 1000;
const senders: Record<Channel, (key: string, r: Resident, copy?: number) => Promise<Answer>> = {
  phone: async (key, r, copy = 0) => jsonAnswer('phone', key, await send(phoneRequest(key, r, signedAt(copy)))),
  api: async (key, r) => jsonAnswer('api', key, await send(apiRequest(key, r))),
  wechaty: async (key, r, copy = 0) =>
    jsonAnswer('wechaty', key, await send(wechatyRequest(key, `talker-${r.id}`, r.text, signedAt(copy)))),
  wechat: async (key, r) => {
    const res = await send(wechatRequest(key, `o-load-${r.id}`, r.text));
    const reply = await res.text();
    const ticketNo = ticketNoPattern.exec(reply)?.[0] ?? null;
    return {
      channel: 'wechat',
      externalId: key,
      status: res.status,
      ticketNo,
      duplicate: false,
      appended: /并入/.test(reply),
    };
  },
  // GeoReport's key is its fields: a repeat under a new id differs in one that is not its text.
  open311: async (key, r) => {
    const res = await send(open311Request(r, { first_name: key.endsWith('-repeat') ? '二' : '一' }));
    const [item] = (await res.json()) as Array<{ service_request_id?: string; token?: string }>;
    const externalId = item?.token ?? '';
    return {
      channel: 'open311',
      externalId,
      status: res.status,
      ticketNo: item?.service_request_id ?? null,
      duplicate: res.status === 200,
      appended: false,
    };
  },
  mailbox: async (key, r) => {
    const form = await formFor(key);
    const res = await send(mailboxRequest(form, r, nextAddress(), hub.url));
    // The hub's nonce is `<issued>.<random hex>.<mac>`; the letter's key is its random part.
    return pageAnswer('mailbox', `form-${form.hidden.nonce?.split('.')[1]}`, res);
  },
  email: async (key, r) => {
    const from = `resident-${r.id}@example.com`;
    const res = await fetch(
      `${hub.url}/cdn-cgi/local/email?from=${encodeURIComponent(from)}&to=mayor%40mailbox.localhost`,
      { method: 'POST', body: residentMail(key, from, r.text), signal: AbortSignal.timeout(30_000) },
    );
    await res.body?.cancel();
    return { channel: 'email', externalId: key, status: res.status, ticketNo: null, duplicate: false, appended: false };
  },
};
/** A duplicate's two copies post the same form (its nonce is its key). */
const forms = new Map<string, Promise<MailboxForm>>();
function formFor(key: string): Promise<MailboxForm> {
  let form = forms.get(key);
  if (!form) {
    form = fetch(`${hub.url}/mailbox`, { headers: { 'cf-connecting-ip': nextAddress() } }).then(async (page) =>
      mailboxForm(await page.text(), page.headers.getSetCookie()),
    );
    forms.set(key, form);
  }
  return form;
}

let residentSeq = 0;
function resident(): Resident {
  const n = ++residentSeq;
  const id = `${run}-${n}`;
  const text = `第${n}号：小区${n % 97}号楼门口的路灯坏了一个多星期，晚上出行很不方便，希望尽快修复（${id}）。`;
  return { id, phone: `139${String(n).padStart(8, '0')}`, text };
}

let msgSeq = 7_500_000_000_000_000_000n + BigInt(Date.now()) * 1000n;
const keyFor = (channel: Channel, n: number) =>
  channel === 'wechat'
    ? String(msgSeq++)
    : channel === 'email'
      ? `<load-${run}-${n}@example.com>`
      : `load-${run}-${channel}-${n}`;

type Unit = { kind: 'single' | 'duplicate' | 'merge'; channel: Channel; answers: Answer[] };

function plan(): Array<() => Promise<Unit>> {
  const perChannel = Math.ceil(total / channels.length);
  const units: Array<() => Promise<Unit>> = [];
  for (let i = 0; i < perChannel; i++) {
    for (const channel of channels) {
      const kind = i % 10 === 0 ? 'duplicate' : i % 10 === 5 ? 'merge' : 'single';
      units.push(async () => {
        const r = resident();
        const key = keyFor(channel, i);
        const sendIt = senders[channel];
        if (kind === 'duplicate')
          return { kind, channel, answers: await Promise.all([sendIt(key, r, 0), sendIt(key, r, 1)]) };
        const first = await sendIt(key, r);
        if (kind === 'single') return { kind, channel, answers: [first] };
        const repeatKey = channel === 'open311' ? `${key}-repeat` : keyFor(channel, i + perChannel);
        return { kind, channel, answers: [first, await sendIt(repeatKey, r)] };
      });
    }
  }
  return units;
}

async function runPool(units: Array<() => Promise<Unit>>): Promise<Unit[]> {
  const done: Unit[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < units.length) done.push(await units[next++]!());
    }),
  );
  return done;
}

const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;

let units: Unit[] = [];
let startedAt = 0;
let sendMs = 0;

beforeAll(async () => {
  hub = await startHub();
  startedAt = Date.now();
  units = await runPool(plan());
  sendMs = Date.now() - startedAt;
}, 420_000);

afterAll(async () => {
  await hub?.stop();
});

describe(`${total} messages over every channel at once`, () => {
  it('answers every one with 2xx, in bounded time', () => {
    const answers = units.flatMap((u) => u.answers);
    const refused = answers.filter((a) => a.status < 200 || a.status >= 300);
    expect(refused.slice(0, 5)).toEqual([]);
    expect(answers.length).toBeGreaterThanOrEqual(total);
    for (const channel of channels) expect(answers.some((a) => a.channel === channel)).toBe(true);
    console.log(
      `load: ${answers.length} requests in ${sendMs} ms (${Math.round((answers.length * 1000) / sendMs)} req/s)`,
    );
  });

  it('gives both copies of a duplicate the same ticket, one of them marked duplicate', () => {
    for (const u of units.filter((x) => x.kind === 'duplicate' && x.channel !== 'email')) {
      const [a, b] = u.answers;
      expect(a!.ticketNo, u.channel).toMatch(ticketNoPattern);
      expect(b!.ticketNo, u.channel).toBe(a!.ticketNo);
      // WeChat's passive reply does not say which copy came first; the ticket number is the proof.
      if (u.channel !== 'wechat') expect([a!.duplicate, b!.duplicate].sort(), u.channel).toEqual([false, true]);
    }
  });

  it('joins a chat message to the same resident’s open conversation', () => {
    for (const u of units.filter((x) => x.kind === 'merge' && chatChannels.has(x.channel))) {
      const [first, second] = u.answers;
      expect(second!.appended, u.channel).toBe(true);
      expect(second!.ticketNo, u.channel).toBe(first!.ticketNo);
    }
  });

  it('has every message in the inbox exactly once, each with a ticket, none left failed', async () => {
    const expected = new Set(units.flatMap((u) => u.answers.map((a) => `${a.channel} ${a.externalId}`)));
    const rows = await hub.query<{ channel: string; external_id: string; status: string; has_ticket: number }>(
      `SELECT i.channel, i.external_id, i.status, t.id IS NOT NULL AS has_ticket
       FROM inbox i LEFT JOIN tickets t ON t.id = i.ticket_id WHERE i.stored_at >= ${startedAt}`,
    );
    const seen = new Map<string, number>();
    for (const r of rows)
      seen.set(`${r.channel} ${r.external_id}`, (seen.get(`${r.channel} ${r.external_id}`) ?? 0) + 1);
    expect([...expected].filter((k) => seen.get(k) !== 1).slice(0, 5)).toEqual([]);
    expect(rows.length).toBe(expected.size);
    expect(rows.filter((r) => r.status !== 'processed' || r.has_ticket !== 1).slice(0, 5)).toEqual([]);
  });

  it('merges a resident’s repeat on the other channels into one ticket (the follow-up job)', async () => {
    const pairs = units
      .filter((u) => u.kind === 'merge' && !chatChannels.has(u.channel))
      .map((u) => u.answers.map((a) => `(${quote(a.channel)}, ${quote(a.externalId)})`));
    const ids = pairs.flat().join(', ');
    await eventually(
      'every repeat merged into its first ticket',
      async () => {
        const [row] = await hub.query<{ merged: number }>(
          `SELECT count(*) AS merged FROM inbox i JOIN tickets t ON t.id = i.ticket_id
           JOIN tickets m ON m.id = t.merged_into_id AND m.status <> 'merged'
           WHERE t.status = 'merged' AND (i.channel, i.external_id) IN (VALUES ${ids})`,
        );
        return row?.merged === pairs.length ? true : undefined;
      },
      90_000,
    );
    // No merged ticket anywhere points at nothing, or at another merged one.
    const [orphans] = await hub.query<{ n: number }>(
      `SELECT count(*) AS n FROM tickets t LEFT JOIN tickets m ON m.id = t.merged_into_id
       WHERE t.status = 'merged' AND (m.id IS NULL OR m.status = 'merged')`,
    );
    expect(orphans?.n).toBe(0);
  }, 120_000);
});
