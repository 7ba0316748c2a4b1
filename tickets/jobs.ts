// Background jobs on the hub's one queue (binding JOBS): delivering an outbox row to a
// resident, and the follow-up of a new ticket (duplicate merge and hot spots), which would
// otherwise cost intake extra D1 round trips.
import { groupCommitPerTarget } from './group-commit';

export type HubJob = { kind: 'deliver'; outboxId: string } | { kind: 'follow_up'; ticketId: string };

// A queue batch carries at most 100 messages.
const QUEUE_BATCH_MAX = 100;

// Concurrent sends to one queue share queue calls (tickets/group-commit.ts).
const sendJobs = groupCommitPerTarget((queue: Queue<HubJob>) => ({
  maxItems: 20,
  flush: async (sends: HubJob[][]) => {
    const all = sends.flat();
    for (let i = 0; i < all.length; i += QUEUE_BATCH_MAX) await queue.sendBatch(all.slice(i, i + QUEUE_BATCH_MAX).map((body) => ({ body })));
    return sends.map(() => undefined);
  },
}));

/** Sends jobs to the queue. Lost sends are repaired: the cron sweep re-queues pending deliveries. */
export async function enqueueJobs(env: Pick<Env, 'JOBS'>, jobs: HubJob[]): Promise<void> {
  if (jobs.length === 0 || !env.JOBS) return;
  try {
    await sendJobs(env.JOBS, jobs);
  } catch (err) {
    console.warn('jobs: queue send failed', err);
  }
}
