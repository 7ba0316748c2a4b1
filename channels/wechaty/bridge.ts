// The Wechaty bridge: a Node process logged in to a personal WeChat account (through a Wechaty
// puppet) that forwards residents' messages to the hub and delivers the hub's answers back.
// It runs beside the Worker, never inside it: `npm run bridge`.
//
// Settings (environment):
//   HUB_URL                       the hub, default http://127.0.0.1:8787
//   WECHATY_BRIDGE_SECRET         shared with the hub; default the hub's development secret
//   WECHATY_PUPPET                puppet module, e.g. wechaty-puppet-wechat4u, wechaty-puppet-service
//                                 (with WECHATY_PUPPET_SERVICE_TOKEN); default wechaty-puppet-mock,
//                                 which logs in to nobody (tests drive it through its Mocker)
//   WECHATY_POLL_INTERVAL_MS      how often to fetch the hub's answers, default 3000
//
// What it forwards: private text messages, and group (room) text messages that @mention the
// bot (the mention is stripped). Its own messages are ignored: a puppet reports what the bot
// says as messages too, and answering those would loop forever (with wechaty-puppet-mock the
// loop is synchronous and exhausts memory). Non-text private messages get a short hint.
import { pathToFileURL } from 'node:url';
import { type Contact, type Message, type Room, type Wechaty, WechatyBuilder } from 'wechaty';
import type { Puppet } from 'wechaty-puppet';
import { signHubRequest } from '../hub-signature.ts';

export const bridgeTexts = {
  textOnly: '目前只能受理文字消息，请用文字描述您要反映的问题，并说明发生的地点。',
  unavailable: '系统繁忙，您的消息暂未提交成功，请稍后再发一次，或拨打12345热线。',
};

export const wechatyDevelopmentSecret = 'dev-wechaty-bridge-secret';

export interface BridgeOptions {
  hubUrl: string;
  secret: string;
  /** A puppet module name, or a puppet instance (tests hand in a PuppetMock with its Mocker). */
  puppet: string | Puppet;
  puppetOptions?: Record<string, unknown>;
  pollIntervalMs: number;
  /** Per-request time limit towards the hub. */
  requestTimeoutMs?: number;
  log?: (message: string) => void;
}

export interface Bridge {
  bot: Wechaty;
  /** Polls the hub's outbox once and delivers what it finds; returns how many were delivered. */
  pollOnce(): Promise<number>;
  stop(): Promise<void>;
}

export interface HubReply {
  ticketNo: string;
  queryCode: string;
  status: string;
  duplicate: boolean;
  appended?: boolean;
  reply?: string;
}

interface OutboxDelivery {
  id: string;
  recipient: { talkerId: string; roomId?: string };
  text: string;
}

/**
 * The hub spends a signature on its first use and refuses it again, and one body signed within
 * one second gives one signature (the timestamp is in seconds): two polls, or one ack sent twice,
 * in the same second would be refused. So a body already signed this second waits for the next.
 */
const lastSignedSecond = new Map<string, number>();

async function signingTime(body: string): Promise<number> {
  let now = Date.now();
  // No await between the last check and the set: two callers with one body never share a second.
  while (lastSignedSecond.get(body) === Math.floor(now / 1000)) {
    await new Promise((r) => setTimeout(r, 1000 - (now % 1000)));
    now = Date.now();
  }
  const second = Math.floor(now / 1000);
  for (const [signed, at] of lastSignedSecond) if (at < second) lastSignedSecond.delete(signed);
  lastSignedSecond.set(body, second);
  return now;
}

async function hubFetch(options: BridgeOptions, method: 'GET' | 'POST', path: string, body: string): Promise<Response> {
  const { headers } = await signHubRequest(options.secret, body, await signingTime(body));
  return fetch(new URL(path, options.hubUrl), {
    method,
    headers: { ...headers, ...(method === 'POST' ? { 'content-type': 'application/json' } : {}) },
    ...(method === 'POST' ? { body } : {}),
    signal: AbortSignal.timeout(options.requestTimeoutMs ?? 10_000),
  });
}

/** Forwards one resident message; retried a few times because a lost message is a lost case. */
async function forwardToHub(options: BridgeOptions, payload: Record<string, unknown>): Promise<HubReply> {
  const body = JSON.stringify(payload);
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    if (attempt > 0) await new Promise((r) => setTimeout(r, 500 * 2 ** attempt));
    try {
      const response = await hubFetch(options, 'POST', '/channels/wechaty', body);
      if (response.ok) return (await response.json()) as HubReply;
      const text = await response.text();
      lastError = new Error(`hub answered ${response.status}: ${text.slice(0, 300)}`);
      // A 4xx will not change on a retry (bad signature, invalid message); a 5xx may.
      if (response.status < 500) break;
    } catch (err) {
      lastError = err;
    }
  }
  throw lastError instanceof Error ? lastError : new Error(String(lastError));
}

async function textToForward(bot: Wechaty, message: Message): Promise<string | null> {
  const room = message.room();
  if (!room) return message.text().trim();
  if (!(await message.mentionSelf())) return null;
  // mentionText() strips mentions it can resolve to members; strip a leading "@name" left over.
  let text = (await message.mentionText()).trim();
  const selfName = bot.currentUser.name();
  if (selfName)
    text = text.replace(new RegExp(`^@${selfName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[\\u2005\\s]*`), '').trim();
  return text;
}

export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const log = options.log ?? ((m: string) => console.log(`[bridge] ${m}`));
  const bot = WechatyBuilder.build(
    typeof options.puppet === 'string'
      ? { puppet: options.puppet as never, puppetOptions: options.puppetOptions as never }
      : { puppet: options.puppet },
  );
  const inFlight = new Set<Promise<unknown>>();
  const track = <T>(p: Promise<T>): Promise<T> => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p)).catch(() => undefined);
    return p;
  };

  const onMessage = async (message: Message): Promise<void> => {
    if (message.self()) return;
    const room = message.room();
    const talker = message.talker();
    if (message.type() !== bot.Message.Type.Text) {
      if (!room) await message.say(bridgeTexts.textOnly);
      return;
    }
    const text = await textToForward(bot, message);
    if (!text) return;
    const payload = {
      messageId: message.id,
      talkerId: talker.id,
      talkerName: talker.name() || undefined,
      roomId: room?.id,
      roomTopic: room ? await room.topic() : undefined,
      text,
      sentAt: message.date().toISOString(),
    };
    let answer: string;
    try {
      const result = await forwardToHub(options, payload);
      answer = result.reply ?? `您的诉求已受理。工单号：${result.ticketNo}，查询码：${result.queryCode}。`;
      log(`message ${message.id} → ticket ${result.ticketNo}${result.duplicate ? ' (repeat)' : ''}`);
    } catch (err) {
      log(`message ${message.id} not taken: ${err instanceof Error ? err.message : String(err)}`);
      answer = bridgeTexts.unavailable;
    }
    if (room) await room.say(answer, talker);
    else await message.say(answer);
  };

  bot.on('message', (message) => {
    track(onMessage(message)).catch((err) => log(`message handler failed: ${String(err)}`));
  });
  bot.on('scan', (qrcode, status) => log(`scan the QR code to log in (status ${status}): ${qrcode}`));
  bot.on('login', (user) => log(`logged in as ${user.name()}`));
  bot.on('error', (err) => log(`wechaty error: ${String(err)}`));

  async function deliver(delivery: OutboxDelivery): Promise<void> {
    const contact: Contact | undefined = await bot.Contact.find({ id: delivery.recipient.talkerId });
    if (delivery.recipient.roomId) {
      const room: Room | undefined = await bot.Room.find({ id: delivery.recipient.roomId });
      if (!room) throw new Error(`room ${delivery.recipient.roomId} not found`);
      if (contact) await room.say(delivery.text, contact);
      else await room.say(delivery.text);
      return;
    }
    if (!contact) throw new Error(`contact ${delivery.recipient.talkerId} not found`);
    await contact.say(delivery.text);
  }

  async function ack(id: string, outcome: { ok: true } | { ok: false; error: string }): Promise<void> {
    const body = JSON.stringify({ id, ...outcome });
    const response = await hubFetch(options, 'POST', `/channels/wechaty/outbox/${encodeURIComponent(id)}/ack`, body);
    if (!response.ok) throw new Error(`ack of ${id} answered ${response.status}`);
  }

  async function pollOnce(): Promise<number> {
    if (!bot.isLoggedIn) return 0;
    const response = await hubFetch(options, 'GET', '/channels/wechaty/outbox', '');
    if (!response.ok) throw new Error(`outbox answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
    const { deliveries } = (await response.json()) as { deliveries: OutboxDelivery[] };
    let delivered = 0;
    for (const delivery of deliveries) {
      try {
        await deliver(delivery);
        delivered++;
        await ack(delivery.id, { ok: true });
      } catch (err) {
        const error = err instanceof Error ? err.message : String(err);
        log(`delivery ${delivery.id} failed: ${error}`);
        // Unacked rows come back on the next poll; the failure report only counts attempts.
        await ack(delivery.id, { ok: false, error }).catch(() => undefined);
      }
    }
    return delivered;
  }

  // Polls never overlap: two at once could both fetch a row before either acks it.
  let pollChain: Promise<unknown> = Promise.resolve();
  const serialPoll = (): Promise<number> => {
    const next = pollChain.then(pollOnce, pollOnce);
    pollChain = next.catch(() => undefined);
    return next;
  };

  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const loop = () => {
    timer = setTimeout(() => {
      track(serialPoll())
        .catch((err) => log(`poll failed: ${err instanceof Error ? err.message : String(err)}`))
        .finally(() => {
          if (!stopped) loop();
        });
    }, options.pollIntervalMs);
  };

  await bot.start();
  loop();
  log(`started: hub ${options.hubUrl}, polling every ${options.pollIntervalMs} ms`);

  return {
    bot,
    pollOnce: () => track(serialPoll()),
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await Promise.allSettled([...inFlight]);
      await bot.stop();
    },
  };
}

export function bridgeOptionsFromEnv(env: NodeJS.ProcessEnv): BridgeOptions {
  const secret = env.WECHATY_BRIDGE_SECRET?.trim();
  if (!secret) {
    if (env.HUB_ENV === 'production') throw new Error('WECHATY_BRIDGE_SECRET is required in production');
    console.warn('[bridge] WECHATY_BRIDGE_SECRET not set: using the development default (never in production)');
  }
  let puppet = env.WECHATY_PUPPET?.trim();
  if (!puppet) {
    // The mock logs in to nobody: it lets the bridge start for a look, never to serve residents.
    puppet = 'wechaty-puppet-mock';
    console.warn(
      '[bridge] WECHATY_PUPPET not set: using wechaty-puppet-mock; ' +
        'set e.g. wechaty-puppet-wechat4u (npm install it) or wechaty-puppet-service with WECHATY_PUPPET_SERVICE_TOKEN',
    );
  }
  const token = env.WECHATY_PUPPET_SERVICE_TOKEN?.trim();
  return {
    hubUrl: env.HUB_URL?.trim() || 'http://127.0.0.1:8787',
    secret: secret || wechatyDevelopmentSecret,
    puppet,
    ...(token ? { puppetOptions: { token } } : {}),
    pollIntervalMs: Number(env.WECHATY_POLL_INTERVAL_MS) > 0 ? Number(env.WECHATY_POLL_INTERVAL_MS) : 3000,
  };
}

// `npm run bridge`: run until SIGINT/SIGTERM.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const bridge = await startBridge(bridgeOptionsFromEnv(process.env));
  const shutdown = () => {
    bridge.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}
