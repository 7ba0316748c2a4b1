// The Worker entry: HTTP through the Hono app, mail to the mayor's mailbox, background jobs
// from the queue (delivery runs to residents, follow-ups of new tickets), and the cron (every
// 5 minutes), which takes in messages whose intake failed (kept raw in the inbox), sets the
// tickets' lights (电子监察), runs a delivery run of its own (for doorbells that were lost) and
// prunes expired hot-spot band keys. Each step runs whatever became of the one before: a
// failing delivery must not keep tickets from turning red.

import { handleMailboxEmail } from '../channels/email/mailbox-email';
import { inboxReaders } from '../channels/inbox-readers';
import { senders } from '../channels/senders';
import { openDb } from '../db/client';
import { followUpTicket, pruneBandKeys } from '../tickets/follow-up';
import { retryFailedIntakes } from '../tickets/inbox-retry';
import { type HubJob, ringDoorbell } from '../tickets/jobs';
import { escalate } from '../tickets/lifecycle/escalate';
import { deliverDue, retryDelayMs } from '../tickets/outbox';
import { createApp } from './app';

const app = createApp();

export default {
  fetch: app.fetch,

  async queue(batch: MessageBatch<HubJob>, env: Env): Promise<void> {
    const db = openDb(env.DB);
    // A failed job waits as a failed delivery does: 30 s after a first attempt, doubling, at most 10 min.
    const backoff = (attempts: number) => ({ delaySeconds: retryDelayMs(attempts + 1) / 1000 });
    // Every doorbell in the batch asks for the same thing: one run answers them all. Messages of
    // any other kind than a follow-up (from an older version's queue) count as doorbells.
    const doorbells = batch.messages.filter((m) => m.body.kind !== 'follow_up');
    if (doorbells.length > 0) {
      try {
        const now = Date.now();
        const run = await deliverDue(env, db, senders, { now });
        // Rows left for later: ring again for when the first is due (the cron covers a lost ring).
        if (run.nextDueAt !== null) await ringDoorbell(env, { delayMs: Math.max(0, run.nextDueAt - now), now });
        for (const message of doorbells) message.ack();
      } catch (err) {
        console.error('delivery run failed', err);
        for (const message of doorbells) message.retry(backoff(message.attempts));
      }
    }
    for (const message of batch.messages) {
      if (message.body.kind !== 'follow_up') continue;
      try {
        await followUpTicket({ db, env }, message.body.ticketId);
        message.ack();
      } catch (err) {
        console.error('follow-up failed', message.body.ticketId, err);
        message.retry(backoff(message.attempts));
      }
    }
  },

  /** Mail to the mayor's mailbox address (Cloudflare Email Routing). */
  async email(message: ForwardableEmailMessage, env: Env): Promise<void> {
    await handleMailboxEmail(message, env);
  },

  async scheduled(controller: ScheduledController, env: Env): Promise<void> {
    const db = openDb(env.DB);
    const now = controller.scheduledTime;
    const steps: Array<[string, () => Promise<unknown>]> = [
      // First, so a message taken in now is acknowledged by this run's delivery run.
      ['failed intakes', () => retryFailedIntakes(env, inboxReaders, { now })],
      ['escalation', () => escalate(env, now)],
      ['delivery run', () => deliverDue(env, db, senders, { now })],
      ['band key pruning', () => pruneBandKeys(db, now)],
    ];
    const failed: unknown[] = [];
    for (const [name, step] of steps) {
      await step().catch((err: unknown) => {
        console.error(`cron: ${name} failed`, err);
        failed.push(err);
      });
    }
    // Reported to the runtime, so a failing cron shows in its logs and metrics.
    if (failed.length > 0) throw new AggregateError(failed, 'cron steps failed');
  },
} satisfies ExportedHandler<Env, HubJob>;
