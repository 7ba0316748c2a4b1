// Background jobs on the hub's one queue (binding JOBS): the delivery doorbell, which tells the
// consumer that outbox rows are due, and the follow-up of a new ticket (duplicate merge and hot
// spots), which would otherwise cost intake extra D1 round trips.
//
// Deliveries are not one queue message each. The outbox table is the queue of record
// (tickets/outbox.ts), and a writer only rings the doorbell: at most one queue message per
// isolate per DOORBELL_DELAY_MS, sent with that delay, so the run it starts comes after every
// row written while it was outstanding and sends them all together. A queue message per delivery
// cost intake a measurable share of its rate (the figures are in the README).
import { groupCommitPerTarget } from './group-commit';

export type HubJob = { kind: 'deliver_due' } | { kind: 'follow_up'; ticketId: string };

// A queue batch carries at most 100 messages.
const QUEUE_BATCH_MAX = 100;

// Concurrent sends to one queue share queue calls (tickets/group-commit.ts).
const sendJobs = groupCommitPerTarget((queue: Queue<HubJob>) => ({
  maxItems: 20,
  flush: async (sends: HubJob[][]) => {
    const all = sends.flat();
    for (let i = 0; i < all.length; i += QUEUE_BATCH_MAX)
      await queue.sendBatch(all.slice(i, i + QUEUE_BATCH_MAX).map((body) => ({ body })));
    return sends.map(() => undefined);
  },
}));

/** Sends jobs to the queue. A lost follow-up only delays a merge; lost doorbells are covered by the cron. */
export async function enqueueJobs(env: Pick<Env, 'JOBS'>, jobs: HubJob[]): Promise<void> {
  if (jobs.length === 0 || !env.JOBS) return;
  try {
    await sendJobs(env.JOBS, jobs);
  } catch (err) {
    console.warn('jobs: queue send failed', err);
  }
}

export const DOORBELL_DELAY_MS = 1000;
// A ring due this close to now may already be running its claim: ring again to be safe.
const DOORBELL_MARGIN_MS = 200;

/** When each queue's outstanding ring (from this isolate) will be delivered, at the earliest. */
const outstanding = new WeakMap<Queue<HubJob>, number>();

/**
 * Tells the consumer that outbox rows are due. Call it after the rows are written: a ring still
 * outstanding is delivered after now, so its run will find them, and no new message is sent.
 * `delayMs` rings later (a retry's backoff); such a ring does not stand in for a prompt one.
 */
export async function ringDoorbell(
  env: Pick<Env, 'JOBS'>,
  { delayMs = DOORBELL_DELAY_MS, now = Date.now() }: { delayMs?: number; now?: number } = {},
): Promise<boolean> {
  const queue = env.JOBS;
  if (!queue) return false;
  const prompt = delayMs <= DOORBELL_DELAY_MS;
  const dueAt = outstanding.get(queue) ?? 0;
  if (prompt && now < dueAt - DOORBELL_MARGIN_MS) return false;
  if (prompt) outstanding.set(queue, now + delayMs);
  try {
    await queue.send({ kind: 'deliver_due' }, { delaySeconds: Math.ceil(delayMs / 1000) });
    return true;
  } catch (err) {
    // Not outstanding after all: the next writer rings again, and the cron covers the rest.
    if (prompt && outstanding.get(queue) === now + delayMs) outstanding.delete(queue);
    console.warn('jobs: doorbell send failed', err);
    return false;
  }
}
