// Memory of the signed requests already taken, so that a request captured once (from a log, a
// proxy) cannot be sent again inside the timestamp window with another outcome. Two schemes:
//
// - Hub-signed webhooks (phone, Wechaty bridge): the signature covers the timestamp and the whole
//   body, so the signature itself names the request, and it is spent by its first use. An exact
//   replay is refused (401 signature_replayed) rather than answered as a duplicate, because the
//   duplicate answer carries the ticket's query code (and the bridge's outbox its residents'
//   answers), which someone who saw only the request must not learn. A partner's retry signs
//   afresh (a new timestamp) and gets intake's duplicate answer. A request the hub did not take
//   (a 5xx, a 409 to retry later, a refusal) gives its signature back, so an exact retry of an
//   attempt that failed before intake is processed, not lost.
// - WeChat (plain mode): the signature covers only token, timestamp and nonce, not the body. The
//   pair timestamp|nonce is claimed together with a hash of the message: WeChat resends a message
//   it got no answer to, possibly with the same timestamp and nonce, and that resend must reach
//   intake (which answers it by MsgId); the same pair with another body is someone else's message
//   under a captured signature, and is refused.
import { createMiddleware } from 'hono/factory';
import { sharedBatch } from '../tickets/group-commit';
import { digestHex } from '../tickets/hex';
import { HubError } from '../tickets/hub-error';
import { claimOnce } from '../tickets/replay-guard';
import { hubSignatureHeader, hubSignatureMaxSkewMs, hubTimestampHeader, verifyHubSignature } from './hub-signature';

export type SignedVariables = { signedBody: string };

export interface HubSignedChannel {
  /** The replay_guards scope of the channel's signatures, e.g. 'hub:phone'. */
  scope: string;
  /** The channel's secret; throws the channel's 503 when it is not configured. */
  secretOf: (env: Env) => string;
}

async function releaseClaim(db: D1Database, scope: string, value: string): Promise<void> {
  await db
    .prepare('DELETE FROM replay_guards WHERE scope = ?1 AND value = ?2')
    .bind(scope, value)
    .run()
    .catch((err) => console.error(`[${scope}] could not give back a signature`, err));
}

/**
 * Verifies a hub-signed request and spends its signature; the handler reads the verified body
 * as `c.var.signedBody`. Nothing is parsed or stored before this passes.
 */
export function hubSigned(channel: HubSignedChannel) {
  return createMiddleware<{ Bindings: Env; Variables: SignedVariables }>(async (c, next) => {
    const secret = channel.secretOf(c.env);
    const body = await c.req.text();
    const now = Date.now();
    const timestamp = c.req.header(hubTimestampHeader);
    const signature = c.req.header(hubSignatureHeader);
    const check = await verifyHubSignature(secret, timestamp, body, signature, now);
    if (!check.ok) throw new HubError(`signature_${check.reason}`, check.message);
    // Verified, so both are well formed; the hex is case-folded so that one signature is one value.
    const value = signature!.trim().slice('sha256='.length).toLowerCase();
    // Past its timestamp's window the request is refused as stale, so the memory can end there.
    const expiresAt = Number(timestamp!.trim()) * 1000 + hubSignatureMaxSkewMs;
    if (!(await claimOnce(c.env.DB, channel.scope, value, expiresAt, now))) {
      throw new HubError(
        'signature_replayed',
        `this signed request was already received: a retry must be signed afresh (a new ${hubTimestampHeader})`,
      );
    }
    c.set('signedBody', body);
    await next();
    if (c.res.status >= 300) await releaseClaim(c.env.DB, channel.scope, value);
  });
}

export type WechatClaim = 'first' | 'resend' | 'reused';

/**
 * Claims WeChat's timestamp|nonce for one message. The row's value is `timestamp|nonce#sha256`,
 * so one range lookup on the key finds whether the pair was used, and with which message; the
 * insert happens only when the pair is unused, in one statement, so two different bodies racing
 * under one captured pair cannot both be taken. One round trip: prune, claim, and read back.
 */
export async function claimWechatNonce(
  db: D1Database,
  scope: string,
  pair: { timestamp: string; nonce: string },
  message: string,
  now = Date.now(),
): Promise<WechatClaim> {
  // '#' cannot occur in the key: the route accepts digits for the timestamp and [A-Za-z0-9] nonces.
  const key = `${pair.timestamp}|${pair.nonce}#`;
  const value = `${key}${digestHex('sha256', message)}`;
  // Every value of the key sorts at or after `key` and before the key with '#' + 1, i.e. '$'.
  const keyEnd = `${key.slice(0, -1)}$`;
  const expiresAt = Number(pair.timestamp) * 1000 + hubSignatureMaxSkewMs;
  const [, claimed, same] = await sharedBatch(db, [
    db.prepare('DELETE FROM replay_guards WHERE scope = ?1 AND expires_at < ?2').bind(scope, now),
    db
      .prepare(
        `INSERT INTO replay_guards (scope, value, expires_at)
         SELECT ?1, ?2, ?3 WHERE NOT EXISTS (
           SELECT 1 FROM replay_guards WHERE scope = ?1 AND value >= ?4 AND value < ?5)
         RETURNING 1 AS n`,
      )
      .bind(scope, value, expiresAt, key, keyEnd),
    db.prepare('SELECT count(*) AS n FROM replay_guards WHERE scope = ?1 AND value = ?2').bind(scope, value),
  ]);
  if ((claimed?.results.length ?? 0) > 0) return 'first';
  return ((same?.results[0] as { n?: number } | undefined)?.n ?? 0) > 0 ? 'resend' : 'reused';
}
