// The Worker entry: HTTP through the Hono app, mail to the mayor's mailbox, background jobs
// from the queue (deliveries to residents, follow-ups of new tickets), and the cron sweep that
// re-queues deliveries whose queue message was lost and prunes expired hot-spot band keys.
import { openDb } from '../db/client';
import { handleMailboxEmail } from '../channels/email/mailbox-email';
import { senders } from '../channels/senders';
import { followUpTicket, pruneBandKeys } from '../tickets/follow-up';
import type { HubJob } from '../tickets/jobs';
import { deliverOutbox, findStalledDeliveries, queueDeliveries } from '../tickets/outbox';
import { createApp } from './app';

const app = createApp();

export default {
  fetch: app.fetch,

  async queue(batch: MessageBatch<HubJob>, env: Env): Promise<void> {
    const db = openDb(env.DB);
    const deliveries = batch.messages.filter((m) => m.body.kind === 'deliver');
    const ids = deliveries.map((m) => (m.body as { outboxId: string }).outboxId);
    const retry = new Set(await deliverOutbox(env, db, ids, senders));
    const backoff = (attempts: number) => ({ delaySeconds: Math.min(600, 30 * 2 ** attempts) });
    for (const message of deliveries) {
      if (retry.has((message.body as { outboxId: string }).outboxId)) message.retry(backoff(message.attempts));
      else message.ack();
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

  async scheduled(_controller: ScheduledController, env: Env): Promise<void> {
    const db = openDb(env.DB);
    await queueDeliveries(env, await findStalledDeliveries(db, Date.now()));
    await pruneBandKeys(db, Date.now());
  },
} satisfies ExportedHandler<Env, HubJob>;
