// The mailbox form's nonce, issued by the hub with each form: `<issued at ms>.<random hex>.<HMAC>`,
// the HMAC under SESSION_SECRET (the project's csrfToken). A nonce the hub did not issue, or
// issued more than a day ago, is refused; so one seen in a log or over a shoulder is worth
// nothing after a day, and none can be made up. Its random part becomes the letter's
// externalId, and that is what makes it single use: the inbox's unique (channel, externalId),
// claimed in intake's own batch, files one letter per nonce for good. A letter refused for the
// rate limit stores nothing, so its nonce stays good for the same letter sent again later.
import { toHex } from '../../tickets/hex';
import { safeEqual } from '../../tickets/settings';
import { csrfToken } from '../../worker/middleware/csrf';

/** A form stays good for a day: long enough to write a letter, short enough to age out a leak. */
export const formNonceTtlMs = 24 * 3600_000;

/** Clocks of the Workers that issue and check a nonce may differ by this much. */
const clockSkewMs = 5 * 60_000;

const nonceShape = /^(\d{13})\.([0-9a-f]{32})\.([\w-]{43})$/;

const macOf = (env: Env, issuedAt: string, id: string) => csrfToken(env, 'mailbox-form', `${issuedAt}|${id}`);

export function issueFormNonce(env: Env, now = Date.now()): string {
  const issuedAt = String(now).padStart(13, '0');
  const id = toHex(crypto.getRandomValues(new Uint8Array(16)));
  return `${issuedAt}.${id}.${macOf(env, issuedAt, id)}`;
}

/** The nonce's random part, if the hub issued it within the last day; null otherwise. */
export function readFormNonce(env: Env, presented: string, now = Date.now()): string | null {
  const match = nonceShape.exec(presented);
  if (!match) return null;
  const [, issuedAt = '', id = '', mac = ''] = match;
  if (!safeEqual(mac, macOf(env, issuedAt, id))) return null;
  const age = now - Number(issuedAt);
  return age >= -clockSkewMs && age <= formNonceTtlMs ? id : null;
}
