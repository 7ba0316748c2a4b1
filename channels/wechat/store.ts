// The WeChat channel's own small state, kept in the `channel_tokens` key/value table:
// - the access token (key `wechat:access-token:<appid>`), cached until shortly before expiry;
// - when each OpenID last wrote to us (key `wechat:last-inbound:<openid>`), because WeChat only
//   accepts customer-service messages within 48 hours of the user's last message.

const accessTokenKey = (appId: string) => `wechat:access-token:${appId}`;
const lastInboundKey = (openId: string) => `wechat:last-inbound:${openId}`;

/** WeChat's customer-service window: 48 hours after the user's last message. */
export const customerServiceWindowMs = 48 * 60 * 60 * 1000;

export async function readCachedAccessToken(db: D1Database, appId: string, nowMs: number): Promise<string | null> {
  const row = await db
    .prepare('SELECT value FROM channel_tokens WHERE key = ?1 AND expires_at > ?2')
    .bind(accessTokenKey(appId), nowMs)
    .first<{ value: string }>();
  return row?.value ?? null;
}

export async function storeAccessToken(
  db: D1Database,
  appId: string,
  token: string,
  expiresAtMs: number,
): Promise<void> {
  await db
    .prepare(
      'INSERT INTO channel_tokens (key, value, expires_at) VALUES (?1, ?2, ?3) ' +
        'ON CONFLICT(key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at',
    )
    .bind(accessTokenKey(appId), token, expiresAtMs)
    .run();
}

/** Drops the cached token only if it is still the one that failed (another worker may have renewed it). */
export async function invalidateAccessToken(db: D1Database, appId: string, token: string): Promise<void> {
  await db.prepare('DELETE FROM channel_tokens WHERE key = ?1 AND value = ?2').bind(accessTokenKey(appId), token).run();
}

/** Records the user's latest message time; it goes in intake's batch when there is a message to take in. */
export function recordInboundStatement(db: D1Database, openId: string, atMs: number): D1PreparedStatement {
  return db
    .prepare(
      'INSERT INTO channel_tokens (key, value, expires_at) VALUES (?1, ?2, ?3) ' +
        'ON CONFLICT(key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at ' +
        'WHERE CAST(excluded.value AS INTEGER) > CAST(channel_tokens.value AS INTEGER)',
    )
    .bind(lastInboundKey(openId), String(atMs), atMs + customerServiceWindowMs);
}

export async function recordInbound(db: D1Database, openId: string, atMs: number): Promise<void> {
  await recordInboundStatement(db, openId, atMs).run();
}

export async function lastInboundAt(db: D1Database, openId: string): Promise<number | null> {
  const row = await db
    .prepare('SELECT value FROM channel_tokens WHERE key = ?1')
    .bind(lastInboundKey(openId))
    .first<{ value: string }>();
  return row ? Number(row.value) : null;
}
