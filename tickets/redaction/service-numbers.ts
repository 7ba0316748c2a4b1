// The official service numbers redaction leaves as they are: the national lines every hub knows
// (tickets/redaction/non-personal.ts) and the city's own, which admins keep in service_numbers
// (worker/routes/admin-service-numbers.ts): departments' published lines, the 12345 centre's
// local number. The publication stage passes them to redactForPublication as ctx.serviceNumbers.
import { asc } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { serviceNumbers } from '../../db/schema';
import { nationalServiceNumbers } from './non-personal';

/** Every service number, the city's and the national ones, as written (digits and dashes). */
export async function loadServiceNumbers(db: Db): Promise<string[]> {
  const rows = await db
    .select({ number: serviceNumbers.number })
    .from(serviceNumbers)
    .orderBy(asc(serviceNumbers.number));
  return [...new Set([...nationalServiceNumbers, ...rows.map((r) => r.number)])];
}
