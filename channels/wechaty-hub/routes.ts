// The hub side of the Wechaty bridge (channels/wechaty/bridge.ts runs in Node, logged in to a
// personal WeChat account, and talks to these routes):
//   POST /channels/wechaty                   a resident's message → ticket (JSON intake contract)
//   GET  /channels/wechaty/outbox            pending answers for the bridge to deliver
//   POST /channels/wechaty/outbox/{id}/ack   the bridge delivered (or failed to deliver) one:
//                                            body {"id", "ok": true} or {"id", "ok": false, "error"}
// Every request is signed with WECHATY_BRIDGE_SECRET (channels/hub-signature.ts): HMAC-SHA256
// over `timestamp + "." + rawBody`; a GET has no body, so it signs `timestamp + "."` (the empty
// body). A signature is spent by its first use (channels/signed-replay.ts), so a captured poll
// cannot read the outbox again; the bridge never sends one signature twice. Delivery is at least
// once: a row the bridge does not ack comes back on the next poll.
import { Hono } from 'hono';
import { z } from 'zod';
import { openDb } from '../../db/client';
import { fieldError, HubError, validationError } from '../../tickets/hub-error';
import { inboundMessageSchema } from '../../tickets/inbound-message';
import { intakeMessage } from '../../tickets/intake';
import { setting } from '../../tickets/settings';
import { limitBody } from '../../worker/middleware/body-limit';
import { answerThanks, chatReplyFor } from '../chat-replies';
import { claimedTimeMessages, claimedTimeProblem } from '../claimed-time';
import { hubSigned, type SignedVariables } from '../signed-replay';
import { acknowledgeWechatyDelivery, pendingWechatyDeliveries, roomsOfTickets } from './store';

export const wechatyMaxBodyBytes = 64 * 1024;
/** A personal-chat conversation over a few minutes is one matter: same default as WeChat. */
export const wechatyAppendWindowMinutesDefault = 10;

/** The bridge's identity for a WeChat user; the prefix keeps it apart from Official Account OpenIDs. */
export const wechatyIdentity = (talkerId: string) => `wechaty:${talkerId}`;

const latestSentAtMs = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

export const wechatyMessageSchema = z.object({
  messageId: z.string().trim().min(1).max(200),
  // Prefixed with `wechaty:`, it must still fit the sender's openId (100).
  talkerId: z
    .string()
    .trim()
    .min(1)
    .max(100 - wechatyIdentity('').length),
  talkerName: z.string().trim().max(100).optional(),
  roomId: z.string().trim().min(1).max(200).optional(),
  roomTopic: z.string().trim().max(200).optional(),
  text: z.string().trim().min(1).max(20_000),
  // Epoch ms within the years an ISO date has four digits for (a later one made no receivedAt: a 500).
  sentAt: z.union([z.iso.datetime({ offset: true }), z.number().int().positive().max(latestSentAtMs)]),
});
export type WechatyMessage = z.infer<typeof wechatyMessageSchema>;

/** The ack names its delivery in the signed body too, so a captured ack cannot be replayed for another id. */
const ackSchema = z.union([
  z.object({ id: z.string().min(1).max(100), ok: z.literal(true) }),
  z.object({ id: z.string().min(1).max(100), ok: z.literal(false), error: z.string().min(1).max(1000) }),
]);

/**
 * The bridge's message as intake takes it (also read back by the cron's retry of a failed
 * intake, with the time it was stored at); `receivedAt` is the bridge's time, checked by the route.
 */
export function wechatyInboundMessage(m: WechatyMessage, receivedAt: string) {
  const candidate = inboundMessageSchema.safeParse({
    channel: 'wechaty',
    externalId: m.messageId,
    receivedAt,
    sender: { openId: wechatyIdentity(m.talkerId), ...(m.talkerName ? { name: m.talkerName.slice(0, 50) } : {}) },
    text: m.text,
  });
  // A message the bridge's schema lets through but intake's does not is the bridge's 422, not a 500.
  if (!candidate.success) throw validationError(candidate.error, 'the bridge message is not valid');
  return candidate.data;
}

interface WechatySettings {
  secret: string;
  appendWindowMs: number;
  publicBaseUrl: string;
}

function wechatySettings(env: Env): WechatySettings {
  const vars = env as unknown as Record<string, string | undefined>;
  const secret = setting(env, 'WECHATY_BRIDGE_SECRET');
  if (secret === null)
    throw new HubError('channel_not_configured', 'WECHATY_BRIDGE_SECRET is not set: the Wechaty channel is off');
  const minutes = Number(vars.WECHATY_APPEND_WINDOW_MINUTES ?? wechatyAppendWindowMinutesDefault);
  return {
    secret,
    appendWindowMs: (Number.isFinite(minutes) && minutes >= 0 ? minutes : wechatyAppendWindowMinutesDefault) * 60_000,
    publicBaseUrl: vars.PUBLIC_BASE_URL ?? 'http://127.0.0.1:8787',
  };
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    throw new HubError('malformed_json', 'request body is not valid JSON');
  }
}

/** A time the bridge gives, in the bounds a live message can have, as ISO 8601. */
function sentAtOf(sentAt: WechatyMessage['sentAt'], now: number): string {
  const at = typeof sentAt === 'number' ? sentAt : Date.parse(sentAt);
  const problem = claimedTimeProblem(at, now);
  if (problem) throw fieldError('sentAt', claimedTimeMessages[problem]);
  return new Date(at).toISOString();
}

export const wechatyRoutes = new Hono<{ Bindings: Env; Variables: SignedVariables }>()
  .use(limitBody(wechatyMaxBodyBytes))
  .use(hubSigned({ scope: 'hub:wechaty', secretOf: (env) => wechatySettings(env).secret }))
  .post('/', async (c) => {
    const settings = wechatySettings(c.env);
    const body = c.var.signedBody;
    const parsed = wechatyMessageSchema.safeParse(parseJson(body));
    if (!parsed.success) throw validationError(parsed.error, 'the bridge message is not valid');
    const message = wechatyInboundMessage(parsed.data, sentAtOf(parsed.data.sentAt, Date.now()));
    // A bare digit rating an answer (回访), or a consent answer (公开意愿), is thanked and taken in
    // on its own, never joined to the open conversation; read before intake queues its follow-up.
    const thanks = await answerThanks(openDb(c.env.DB), message, message.sender.openId!, Date.now());
    // The bridge says the reply text at once, so no acknowledgement is queued as well.
    const result = await intakeMessage(
      c.env,
      { ...message, raw: body },
      { appendWindowMs: thanks ? undefined : settings.appendWindowMs, acknowledge: false },
    );
    const reply = thanks ?? chatReplyFor(result, settings.publicBaseUrl);
    return c.json(
      {
        ticketNo: result.ticketNo,
        queryCode: result.queryCode,
        status: result.status,
        duplicate: result.duplicate,
        appended: result.appended,
        reply,
      },
      result.duplicate ? 200 : 201,
    );
  })
  .get('/outbox', async (c) => {
    const limit = Math.min(Math.max(Number(c.req.query('limit') ?? 20) || 20, 1), 100);
    const rows = await pendingWechatyDeliveries(c.env.DB, limit);
    const rooms = await roomsOfTickets(c.env.DB, [...new Set(rows.flatMap((r) => (r.ticketId ? [r.ticketId] : [])))]);
    const prefix = wechatyIdentity('');
    return c.json({
      deliveries: rows.map((r) => {
        const roomId = r.ticketId ? rooms.get(r.ticketId) : undefined;
        return {
          id: r.id,
          recipient: {
            talkerId: r.recipient.startsWith(prefix) ? r.recipient.slice(prefix.length) : r.recipient,
            ...(roomId ? { roomId } : {}),
          },
          text: r.subject ? `【${r.subject}】\n${r.body}` : r.body,
        };
      }),
    });
  })
  .post('/outbox/:id/ack', async (c) => {
    const parsed = ackSchema.safeParse(parseJson(c.var.signedBody));
    if (!parsed.success || parsed.data.id !== c.req.param('id')) {
      const message = 'ack body must be {"id":"<this id>","ok":true} or {"id":…,"ok":false,"error":"…"}';
      throw parsed.success
        ? fieldError('id', message, 'must be this delivery id')
        : validationError(parsed.error, message);
    }
    const outcome = await acknowledgeWechatyDelivery(c.env.DB, c.req.param('id'), parsed.data, Date.now());
    if (outcome === 'unknown') throw new HubError('delivery_not_found', 'no Wechaty delivery with this id');
    return c.json({ id: c.req.param('id'), outcome });
  });
