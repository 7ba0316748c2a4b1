// Single-use values (`replay_guards`): a signed request's nonce, a partner webhook's signature,
// the mailbox form's server-issued nonce. The first claim of a value wins; any later claim of the
// same value in the same scope is a replay. A value is kept until it expires, by which time the
// request that carried it is refused for its age anyway, so the table stays small.
import { sharedBatch } from './group-commit';

export interface ReplayClaim {
  /** Inserts the value unless it is already there; its result has a row only for the first claim. */
  claim: D1PreparedStatement;
  /** Drops expired values of the scope while we are here. */
  prune: D1PreparedStatement;
  /** True when `claim`'s rows say this was the first claim. */
  first: (claimed: readonly unknown[]) => boolean;
}

/** The statements that claim a value, for a caller to send alone or inside its own batch. */
export function replayClaim(
  db: D1Database,
  scope: string,
  value: string,
  expiresAt: number,
  now = Date.now(),
): ReplayClaim {
  return {
    claim: db
      .prepare(
        `INSERT INTO replay_guards (scope, value, expires_at) VALUES (?, ?, ?)
         ON CONFLICT (scope, value) DO NOTHING RETURNING 1 AS claimed`,
      )
      .bind(scope, value, expiresAt),
    prune: db.prepare('DELETE FROM replay_guards WHERE scope = ? AND expires_at < ?').bind(scope, now),
    first: (claimed) => claimed.length > 0,
  };
}

/** Claims a value once: true the first time, false for every replay until it expires. */
export async function claimOnce(
  db: D1Database,
  scope: string,
  value: string,
  expiresAt: number,
  now = Date.now(),
): Promise<boolean> {
  const guard = replayClaim(db, scope, value, expiresAt, now);
  // The prune runs first so that a value whose time is past can be claimed afresh.
  const [, claimed] = await sharedBatch(db, [guard.prune, guard.claim]);
  return guard.first(claimed?.results ?? []);
}
