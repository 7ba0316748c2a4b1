// The WeChat Official Account server URL (服务器地址): GET answers WeChat's URL verification,
// POST takes messages and events in plain or safe (AES) mode and answers within WeChat's five
// seconds with a passive reply carrying the ticket number and tracking link.
//
// WeChat resends a message up to three times when it gets no answer in time, so every answer
// is idempotent: the MsgId is the inbox key, and a resend gets intake's duplicate result, i.e.
// the same ticket number. Plain mode signs only token, timestamp and nonce, not the body, so a
// signed URL seen once (a log, a proxy) would file any message as anyone: the timestamp must be
// within 5 minutes of the hub's clock, and a timestamp|nonce is taken for one message only
// (channels/signed-replay.ts), its resends included. The ticket's time is the hub's clock.
// Errors are answered in WeChat's own way: plain text with a 4xx for requests we refuse (bad
// signature, malformed, too large), `success` for what we cannot turn into a ticket, so WeChat
// neither retries nor shows the user a "service failure" notice.
//
// A bare 1/2/3 answering a reply message (回访), or 同意公开 / 不公开 answering the acknowledgement's
// question, is taken in like any message; when the resident has a ticket awaiting that answer,
// the passive reply thanks them instead, the message does not join the open conversation, and
// the follow-up job applies it (tickets/rate-by-digit.ts, tickets/consent-by-answer.ts).
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { openDb } from '../../db/client';
import { HubError } from '../../tickets/hub-error';
import { inboundMessageSchema } from '../../tickets/inbound-message';
import { intakeMessage } from '../../tickets/intake';
import { answerThanks, chatReplyFor, chatReplyTexts } from '../chat-replies';
import { hubSignatureMaxSkewMs } from '../hub-signature';
import { claimWechatNonce } from '../signed-replay';
import { verifyWechatSignature, WechatCipher, WechatCryptoError, wechatSignature } from './crypto';
import { wechatAction } from './message';
import { type WechatSettings, wechatSettings } from './settings';
import { recordInbound, recordInboundStatement } from './store';
import {
  buildEncryptedReply,
  buildTextReply,
  parseEnvelope,
  parseWechatMessage,
  type WechatMessage,
  WechatXmlError,
} from './xml';

/** WeChat drops a request it has no answer to after this long, and sends the message again. */
export const wechatResendAfterMs = 5_000;

/** WeChat's messages are a few KB; anything far larger is not from WeChat. */
export const wechatMaxBodyBytes = 64 * 1024;

type WechatContext = Context<{ Bindings: Env }>;

function plain(c: WechatContext, status: 200 | 400 | 401 | 403 | 413 | 503, text: string) {
  return c.text(text, status, { 'cache-control': 'no-store' });
}

function configured(c: WechatContext): WechatSettings | Response {
  const result = wechatSettings(c.env);
  if (result.ok) return result.settings;
  console.error(`[wechat] channel refused: ${result.missing.join(', ')} not set`);
  return plain(c, 503, 'WeChat channel is not configured');
}

/** Hono's bodyLimit stops reading past the limit; the refusal is WeChat's plain text. */
const tooLargeRefused = bodyLimit({
  maxSize: wechatMaxBodyBytes,
  onError: (c) => plain(c, 413, `request body larger than ${wechatMaxBodyBytes} bytes`),
});

/** What a signed request carries once its signature, age and envelope are checked. */
interface SignedMessage {
  xml: string;
  cipher: WechatCipher | null;
  timestamp: string;
  nonce: string;
}

/**
 * WeChat's timestamp must be near the hub's clock; a captured URL is refused once it is older.
 * The nonce is kept to letters and digits (WeChat sends digits) so that it can key the claim.
 */
function staleOrMalformed(c: WechatContext, timestamp: string, nonce: string, now: number): Response | null {
  if (!/^\d{1,12}$/.test(timestamp)) return plain(c, 400, 'timestamp must be Unix seconds');
  if (!/^[A-Za-z0-9]{1,64}$/.test(nonce)) return plain(c, 400, 'nonce must be 1 to 64 letters or digits');
  if (Math.abs(now - Number(timestamp) * 1000) > hubSignatureMaxSkewMs) {
    return plain(c, 401, 'timestamp is more than 5 minutes away from the hub clock (replay refused)');
  }
  return null;
}

/** Checks the signature of either mode and unwraps the message's XML; a Response is a refusal. */
async function readSigned(c: WechatContext, settings: WechatSettings, now: number): Promise<SignedMessage | Response> {
  const query = c.req.query();
  const { timestamp, nonce } = query;
  const safeMode = query.encrypt_type?.toLowerCase() === 'aes';
  const body = await c.req.text();
  if (!timestamp || !nonce) return plain(c, 401, 'invalid signature');
  try {
    if (safeMode) {
      // The envelope must be parsed first: msg_signature covers the Encrypt value.
      const { encrypt } = parseEnvelope(body);
      if (!verifyWechatSignature(query.msg_signature, settings.token, timestamp, nonce, encrypt)) {
        return plain(c, 401, 'invalid signature');
      }
      const refused = staleOrMalformed(c, timestamp, nonce, now);
      if (refused) return refused;
      const cipher = WechatCipher.create(settings.encodingAesKey, settings.appId);
      return { xml: cipher.decrypt(encrypt), cipher, timestamp, nonce };
    }
    if (!verifyWechatSignature(query.signature, settings.token, timestamp, nonce)) {
      return plain(c, 401, 'invalid signature');
    }
    return staleOrMalformed(c, timestamp, nonce, now) ?? { xml: body, cipher: null, timestamp, nonce };
  } catch (err) {
    if (err instanceof WechatXmlError || err instanceof WechatCryptoError) return plain(c, 400, err.message);
    throw err;
  }
}

export const wechatRoutes = new Hono<{ Bindings: Env }>()
  .get('/', async (c) => {
    const settings = configured(c);
    if (settings instanceof Response) return settings;
    const { signature, timestamp, nonce, echostr } = c.req.query();
    if (!timestamp || !nonce || echostr === undefined)
      return plain(c, 400, 'signature, timestamp, nonce and echostr are required');
    if (!verifyWechatSignature(signature, settings.token, timestamp, nonce)) {
      return plain(c, 401, 'invalid signature');
    }
    // Only the age is checked: the answer is the caller's own echostr and nothing is stored, so a
    // replay inside the window gains nothing, and claiming its nonce would cost a write per probe.
    return staleOrMalformed(c, timestamp, nonce, Date.now()) ?? plain(c, 200, echostr);
  })
  .post('/', tooLargeRefused, async (c) => {
    const settings = configured(c);
    if (settings instanceof Response) return settings;
    const now = Date.now();
    const signed = await readSigned(c, settings, now);
    if (signed instanceof Response) return signed;
    const { xml, cipher, nonce } = signed;

    let message: WechatMessage;
    try {
      message = parseWechatMessage(xml);
    } catch (err) {
      if (err instanceof WechatXmlError) return plain(c, 400, err.message);
      throw err;
    }
    // Claimed only for a readable message: a refusal stores nothing, so it spends no nonce.
    if ((await claimWechatNonce(c.env.DB, 'wechat', signed, xml, now)) === 'reused') {
      return plain(c, 401, 'timestamp and nonce already used for another message (replay refused)');
    }

    const reply = async (text: string) => {
      const replyXml = buildTextReply(message, text, now);
      if (!cipher) return c.body(replyXml, 200, { 'content-type': 'application/xml; charset=utf-8' });
      const encrypted = cipher.encrypt(replyXml);
      const ts = String(Math.floor(now / 1000));
      const signature = wechatSignature(settings.token, ts, nonce, encrypted);
      return c.body(buildEncryptedReply(encrypted, signature, ts, nonce), 200, {
        'content-type': 'application/xml; charset=utf-8',
      });
    };

    // A user's message or action opens WeChat's 48-hour customer-service window; leaving does not.
    // With a message to take in, the time is written in intake's own batch (one round trip).
    const opensWindow = message.Event?.toLowerCase() !== 'unsubscribe';
    const recordWindow = () =>
      recordInbound(c.env.DB, message.FromUserName, now).catch((err) =>
        console.error('[wechat] could not record the last message time', err),
      );

    const action = wechatAction(message, now);
    const parsed = action.kind === 'ticket' ? inboundMessageSchema.safeParse(action.message) : null;
    if (!parsed?.success) {
      if (opensWindow) await recordWindow();
      if (action.kind === 'reply') return reply(action.text);
      return plain(c, 200, 'success');
    }
    try {
      // Read before intake queues the follow-up, which applies the answer and so ends its waiting.
      const thanks = await answerThanks(openDb(c.env.DB), parsed.data, message.FromUserName, now);
      // The inbox keeps the decrypted XML: the envelope alone is unreadable once the key rotates.
      // No queued acknowledgement: the passive reply below carries it within WeChat's 5 s.
      const result = await intakeMessage(
        c.env,
        { ...parsed.data, raw: xml },
        {
          appendWindowMs: thanks ? undefined : settings.appendWindowMs,
          acknowledge: false,
          alongside: [recordInboundStatement(c.env.DB, message.FromUserName, now)],
        },
      );
      return reply(thanks ?? chatReplyFor(result, settings.publicBaseUrl));
    } catch (err) {
      console.error('[wechat] intake failed', err);
      await recordWindow();
      // Kept: the cron takes it in and sends the number as a customer message, so WeChat must not resend.
      if (err instanceof HubError && err.code === 'intake_deferred') return reply(chatReplyTexts.deferred);
      // Not kept: WeChat resends only a message it got no answer to within 5 s (up to three times),
      // so the answer waits that long; the resend carries the same MsgId, one ticket.
      if (err instanceof HubError && err.code === 'intake_unavailable') {
        await new Promise((r) => setTimeout(r, Math.max(0, now + wechatResendAfterMs - Date.now())));
        return plain(c, 503, 'intake unavailable');
      }
      return reply(chatReplyTexts.unavailable);
    }
  });
