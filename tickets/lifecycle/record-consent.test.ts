// The lifecycle's consent path: the change and its event in one batch with whatever the caller
// adds alongside (the publication stage's withdrawal), all or nothing, guarded by the version read.
import { env } from 'cloudflare:test';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../db/client';
import { settings, tickets } from '../../db/schema';
import { count, createTicket } from '../../tests/helpers';
import { HubError } from '../hub-error';
import { recordConsent } from './record-consent';

const db = openDb(env.DB);
const load = async (ticketNo: string) => (await db.select().from(tickets).where(eq(tickets.ticketNo, ticketNo)))[0]!;
const consentEvents = (id: string) =>
  count("SELECT count(*) AS n FROM ticket_events WHERE ticket_id = ? AND action = 'consent'", id);

describe('recordConsent', () => {
  it('writes the statements it is given in the same batch as the change', async () => {
    const ticket = await load((await createTicket({ consentToPublish: true })).ticketNo);
    const alongside = [db.insert(settings).values({ key: `test.withdrawn.${ticket.id}`, value: 1, updatedAt: 1 })];
    const updated = await recordConsent({ db }, ticket, { consent: false, source: 'tracking_api' }, { alongside });
    expect(updated).toMatchObject({ consentToPublish: false, version: ticket.version + 1 });
    expect(await count('SELECT count(*) AS n FROM settings WHERE key = ?', `test.withdrawn.${ticket.id}`)).toBe(1);
    const event = await env.DB.prepare(
      `SELECT seq, actor_role AS role, from_status AS fromStatus, to_status AS toStatus
         FROM ticket_events WHERE ticket_id = ? AND action = 'consent'`,
    )
      .bind(ticket.id)
      .first();
    expect(event).toEqual({
      seq: ticket.version + 1,
      role: 'resident',
      fromStatus: ticket.status,
      toStatus: ticket.status,
    });
  });

  it('changes nothing when a statement alongside fails', async () => {
    const ticket = await load((await createTicket({ consentToPublish: true })).ticketNo);
    // The key exists already (the migrations seed it): the insert fails, and with it the batch.
    const failing = [db.insert(settings).values({ key: 'routing.threshold', value: 1, updatedAt: 1 })];
    await expect(
      recordConsent({ db }, ticket, { consent: false, source: 'tracking_api' }, { alongside: failing }),
    ).rejects.toThrow();
    expect((await load(ticket.ticketNo)).consentToPublish).toBe(true);
    expect(await consentEvents(ticket.id)).toBe(0);
  });

  it('refuses a change planned on a version that another change has passed', async () => {
    const stale = await load((await createTicket({ consentToPublish: false })).ticketNo);
    await recordConsent({ db }, stale, { consent: true, source: 'wechat' });
    const err = await recordConsent({ db }, stale, { consent: false, source: 'tracking_page' }).catch((e) => e);
    expect(err).toBeInstanceOf(HubError);
    expect((err as HubError).code).toBe('concurrent_change');
    expect((await load(stale.ticketNo)).consentToPublish).toBe(true);
    expect(await consentEvents(stale.id)).toBe(1);
  });
});
