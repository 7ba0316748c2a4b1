// The follow-up's candidates are found by index: the resident's tickets through tickets_contact
// (their awaiting ones too, however old), the place's through ticket_bands; never a scan of tickets.
import { env } from 'cloudflare:test';
import { expect, it } from 'vitest';
import { candidatesSelect } from './lifecycle/intake-statements';
import { renderQuery } from './lifecycle/sql-statements';

it('reads the candidates by index, never by scanning tickets', async () => {
  const query = renderQuery(
    candidatesSelect('t-plan', JSON.stringify(['A01|1']), { sameResidentSince: 0, samePlaceSince: 0 }),
  );
  const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${query.sql}`)
    .bind(...query.params)
    .all<{ detail: string }>();
  const steps = plan.results.map((r) => r.detail);
  expect(steps.some((d) => /SEARCH tickets USING INDEX tickets_contact/.test(d))).toBe(true);
  expect(steps.some((d) => /SCAN tickets\b/.test(d))).toBe(false);
});
