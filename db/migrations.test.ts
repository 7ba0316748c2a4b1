// The drizzle-kit migrations build the whole schema on an empty D1 (the setup file applied them
// to this test's database, which started empty).
import { env } from 'cloudflare:test';
import { expect, it } from 'vitest';

it('creates every table and the append-only triggers', async () => {
  const { results } = await env.DB.prepare(
    `SELECT type, name FROM sqlite_master WHERE type IN ('table', 'trigger')
       AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name != 'd1_migrations'`,
  ).all<{ type: string; name: string }>();
  const names = results.map((r) => r.name);
  expect(names).toEqual(
    expect.arrayContaining([
      'tickets',
      'ticket_events',
      'inbox',
      'departments',
      'staff',
      'contacts',
      'calendar_days',
      'sla_policies',
      'outbox',
      'ticket_counters',
      'ticket_events_no_update',
      'ticket_events_no_delete',
    ]),
  );
  const applied = await env.DB.prepare('SELECT name FROM d1_migrations ORDER BY id').all<{ name: string }>();
  expect(applied.results.map((r) => r.name)).toEqual(env.TEST_MIGRATIONS.map((m) => m.name));
});

const seededCounts = `SELECT (SELECT count(*) FROM departments) AS d, (SELECT count(*) FROM staff) AS s,
  (SELECT count(*) FROM calendar_days) AS c`;

it('seeds the demo city idempotently', async () => {
  const { openDb } = await import('./client');
  const { demoSeedStatements } = await import('./seed/demo');
  const before = await env.DB.prepare(seededCounts).first();
  const db = openDb(env.DB);
  const [first, ...rest] = demoSeedStatements(db, 'irrelevant-hash', Date.now());
  await db.batch([first!, ...rest]);
  const after = await env.DB.prepare(seededCounts).first();
  expect(after).toEqual(before);
  // The city, the centre, 13 bureaux, 4 utilities, 9 district governments and 29 street offices.
  expect(before).toMatchObject({ d: 1 + 1 + 13 + 4 + 9 + 29 });
  const staffRow = await env.DB.prepare("SELECT password_hash FROM staff WHERE username = 'admin'").first<{
    password_hash: string;
  }>();
  expect(staffRow?.password_hash).not.toBe('irrelevant-hash');
});
