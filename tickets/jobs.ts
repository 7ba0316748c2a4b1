// Background jobs on the hub's one queue (binding JOBS): delivering an outbox row to a
// resident, and the follow-up of a new ticket (duplicate merge and hot spots), which would
// otherwise cost intake extra D1 round trips.
export type HubJob = { kind: 'deliver'; outboxId: string } | { kind: 'follow_up'; ticketId: string };

/** Sends jobs to the queue. Lost sends are repaired: the cron sweep re-queues pending deliveries. */
export async function enqueueJobs(env: Pick<Env, 'JOBS'>, jobs: HubJob[]): Promise<void> {
  if (jobs.length === 0 || !env.JOBS) return;
  try {
    await env.JOBS.sendBatch(jobs.map((body) => ({ body })));
  } catch (err) {
    console.warn('jobs: queue send failed', err);
  }
}
