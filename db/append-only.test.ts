// The records that are evidence (the ticket history, what the public was shown and every decision
// about it, who read a resident's contact) refuse UPDATE and DELETE in the database itself
// (triggers in migrations 0001, 0010, 0016; 0016 also refuses INSERT OR REPLACE), whatever SQL
// reaches them; INSERT still works, and the tests' own way of forgetting every ticket leaves them
// alone.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { count, createTicket, getTicket } from '../tests/helpers';
import { forgetAllTickets } from '../tests/rollup-steps';

interface Evidence {
  table: string;
  /** A row of the table written as the hub writes it, or as plain SQL where no route is at hand. */
  write(): Promise<number>;
  /** An INSERT of one more row (the id is left to the table). */
  insert: string;
  /** One column's new value, for the UPDATE that must fail. */
  set: string;
}

const ticketIdOf = async (ticketNo: string) =>
  (await env.DB.prepare('SELECT id FROM tickets WHERE ticket_no = ?').bind(ticketNo).first<{ id: string }>())!.id;

const lastId = async (table: string) =>
  (await env.DB.prepare(`SELECT max(id) AS id FROM ${table}`).first<{ id: number }>())!.id;

const evidence: Evidence[] = [
  {
    table: 'ticket_events',
    async write() {
      await createTicket();
      return lastId('ticket_events');
    },
    insert:
      'INSERT INTO ticket_events (ticket_id, seq, at, actor_role, action, to_status) ' +
      "VALUES ('t-extra', 1, 1, 'system', 'create', 'received')",
    set: "reason = 'rewritten'",
  },
  {
    table: 'publication_history',
    async write() {
      const { ticketNo } = await createTicket();
      await env.DB.prepare(
        'INSERT INTO publication_history (publication_id, ticket_id, seq, at, action) ' +
          "VALUES (900001, ?, 1, 1, 'offer')",
      )
        .bind(await ticketIdOf(ticketNo))
        .run();
      return lastId('publication_history');
    },
    insert:
      'INSERT INTO publication_history (publication_id, ticket_id, seq, at, action) ' +
      "VALUES (900002, 't-extra', 1, 1, 'offer')",
    set: "reason = 'rewritten'",
  },
  {
    table: 'contact_reads',
    async write() {
      const { ticketNo } = await createTicket();
      expect((await getTicket(ticketNo)).status).toBe(200);
      return lastId('contact_reads');
    },
    insert:
      "INSERT INTO contact_reads (at, username, ticket_no, what) VALUES (1, 'admin', 'A2026010100001', 'contact')",
    set: "username = 'someone-else'",
  },
];

const rowOf = (table: string, id: number) => env.DB.prepare(`SELECT * FROM ${table} WHERE id = ?`).bind(id).first();

const ids = new Map<string, number>();

beforeAll(async () => {
  for (const e of evidence) ids.set(e.table, await e.write());
});

describe.each(evidence)('$table', (e) => {
  const refused = new RegExp(`${e.table} is append-only`);

  it('refuses UPDATE, DELETE and an upsert’s update, and the row stays as written', async () => {
    const id = ids.get(e.table)!;
    const before = await rowOf(e.table, id);
    expect(before).not.toBeNull();
    await expect(env.DB.prepare(`UPDATE ${e.table} SET ${e.set} WHERE id = ?`).bind(id).run()).rejects.toThrow(refused);
    await expect(env.DB.prepare(`UPDATE ${e.table} SET ${e.set}`).run()).rejects.toThrow(refused);
    await expect(env.DB.prepare(`DELETE FROM ${e.table} WHERE id = ?`).bind(id).run()).rejects.toThrow(refused);
    await expect(env.DB.prepare(`DELETE FROM ${e.table}`).run()).rejects.toThrow(refused);
    const upsert = `INSERT INTO ${e.table} SELECT * FROM ${e.table} WHERE id = ?
      ON CONFLICT(id) DO UPDATE SET ${e.set}`;
    await expect(env.DB.prepare(upsert).bind(id).run()).rejects.toThrow(refused);
    expect(await rowOf(e.table, id)).toEqual(before);
  });

  it('refuses them inside a batch too, and the batch writes nothing', async () => {
    const n = await count(`SELECT count(*) AS n FROM ${e.table}`);
    await expect(
      env.DB.batch([
        env.DB.prepare(e.insert),
        env.DB.prepare(`DELETE FROM ${e.table} WHERE id = ?`).bind(ids.get(e.table)),
      ]),
    ).rejects.toThrow(refused);
    expect(await count(`SELECT count(*) AS n FROM ${e.table}`)).toBe(n);
  });

  it('still takes new rows', async () => {
    const n = await count(`SELECT count(*) AS n FROM ${e.table}`);
    await env.DB.prepare(e.insert).run();
    expect(await count(`SELECT count(*) AS n FROM ${e.table}`)).toBe(n + 1);
  });

  // SQLite runs no DELETE trigger for the row REPLACE removes (recursive_triggers is off); the
  // BEFORE INSERT triggers of migration 0016 refuse a taken key instead.
  it('refuses INSERT OR REPLACE over an existing row', async () => {
    const id = ids.get(e.table)!;
    const before = await rowOf(e.table, id);
    const replace = `INSERT OR REPLACE INTO ${e.table} SELECT * FROM ${e.table} WHERE id = ?`;
    await expect(env.DB.prepare(replace).bind(id).run()).rejects.toThrow(refused);
    expect(await rowOf(e.table, id)).toEqual(before);
  });
});

describe('forgetting every ticket (tests/rollup-steps.ts)', () => {
  it('deletes the tickets and leaves the evidence, without tripping a trigger', async () => {
    const kept = await Promise.all(evidence.map((e) => count(`SELECT count(*) AS n FROM ${e.table}`)));
    expect(kept.every((n) => n > 0)).toBe(true);
    await forgetAllTickets();
    expect(await count('SELECT count(*) AS n FROM tickets')).toBe(0);
    expect(await Promise.all(evidence.map((e) => count(`SELECT count(*) AS n FROM ${e.table}`)))).toEqual(kept);
  });
});
