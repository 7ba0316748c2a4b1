// The cron's second chance for messages whose intake failed: intake keeps the raw message in the
// inbox, marked failed, when its batch fails (tickets/intake.ts). Each run reads a few of them
// back with their channel's own parser (channels/inbox-readers.ts) and takes them in as the
// channel would have, with an acknowledgement, since the resident was never told a number. A
// channel's resend and the cron may race: the inbox row links once, the other gets the duplicate.
import { and, asc, eq, isNull, lt, notLike, or } from 'drizzle-orm';
import { openDb } from '../db/client';
import { inbox } from '../db/schema';
import type { InboundMessage } from './inbound-message';
import { intakeMessage } from './intake';

/** What the inbox kept of a message: its raw text, its key and when the hub received it. */
export interface StoredMessage {
  raw: string;
  externalId: string;
  receivedAt: number;
}

/**
 * A stored message read back into what its channel handed to intake, or null if it cannot be.
 * A channel whose key or time came from outside the raw text (a header, the hub's clock) takes them from the row.
 */
export type InboxReader = (stored: StoredMessage) => Promise<InboundMessage | null> | InboundMessage | null;

export type InboxReaders = Partial<Record<string, InboxReader>>;

/** Rows marked so are skipped: their raw text no longer parses, and retrying cannot change that. */
const UNREADABLE = 'unreadable: ';

/** A message still failed this soon may be in its sender's resend; the cron leaves it to that. */
export const RETRY_AFTER_MS = 60_000;

export interface RetryRun {
  taken: number;
  failed: number;
  unreadable: number;
}

type RetryEnv = Pick<Env, 'DB' | 'JOBS' | 'PUBLIC_BASE_URL' | 'JURISDICTION_CODE'>;

export async function retryFailedIntakes(
  env: RetryEnv,
  readers: InboxReaders,
  { now = Date.now(), limit = 50 }: { now?: number; limit?: number } = {},
): Promise<RetryRun> {
  const db = openDb(env.DB);
  const rows = await db
    .select({
      id: inbox.id,
      channel: inbox.channel,
      externalId: inbox.externalId,
      receivedAt: inbox.receivedAt,
      raw: inbox.raw,
    })
    .from(inbox)
    .where(
      and(
        eq(inbox.status, 'failed'),
        isNull(inbox.ticketId),
        lt(inbox.storedAt, now - RETRY_AFTER_MS),
        or(isNull(inbox.error), notLike(inbox.error, `${UNREADABLE}%`)),
      ),
    )
    .orderBy(asc(inbox.storedAt))
    .limit(limit);
  const run: RetryRun = { taken: 0, failed: 0, unreadable: 0 };
  for (const row of rows) {
    const message = await readBack(readers[row.channel], row);
    // The key must be the stored row's: a reader that derived another would file a second ticket.
    if (!message || message.externalId !== row.externalId) {
      run.unreadable++;
      await db
        .update(inbox)
        .set({ error: `${UNREADABLE}the raw message does not read back as a ${row.channel} message` })
        .where(eq(inbox.id, row.id));
      continue;
    }
    try {
      // Received when the hub first stored it, whatever the clock says now.
      await intakeMessage(env, { ...message, receivedAt: new Date(row.receivedAt).toISOString() }, { now });
      run.taken++;
    } catch (err) {
      // Still failing: the row stays failed for the next run.
      console.error('cron: failed intake retried and failed again', row.channel, row.externalId, err);
      run.failed++;
    }
  }
  return run;
}

async function readBack(read: InboxReader | undefined, stored: StoredMessage): Promise<InboundMessage | null> {
  if (!read) return null;
  try {
    return await read(stored);
  } catch {
    return null;
  }
}
