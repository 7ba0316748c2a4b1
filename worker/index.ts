// The Worker entry: HTTP through the Hono app, mail to the mayor's mailbox, outbox deliveries
// from the queue, and the cron sweep that re-queues deliveries whose queue message was lost.
import { openDb } from '../db/client';
import { deliverOutbox, findStalledDeliveries, queueDeliveries } from '../tickets/outbox';
import { senders } from '../channels/senders';
import { handleMailboxEmail } from '../channels/email/mailbox-email';
import { createApp } from './app';

const app = createApp();

export default {
  fetch: app.fetch,

  async queue(batch: MessageBatch<{ outboxId: string }>, env: Env): Promise<void> {
    const ids = batch.messages.map((m) => m.body.outboxId);
    const retry = new Set(await deliverOutbox(env, openDb(env.DB), ids, senders));
    for (const message of batch.messages) {
      if (retry.has(message.body.outboxId)) message.retry({ delaySeconds: Math.min(600, 30 * 2 ** message.attempts) });
      else message.ack();
    }
  },

  /** Mail to the mayor's mailbox address (Cloudflare Email Routing). */
  async email(message: ForwardableEmailMessage, env: Env): Promise<void> {
    await handleMailboxEmail(message, env);
  },

  async scheduled(_controller: ScheduledController, env: Env): Promise<void> {
    await queueDeliveries(env, await findStalledDeliveries(openDb(env.DB), Date.now()));
  },
} satisfies ExportedHandler<Env, { outboxId: string }>;
