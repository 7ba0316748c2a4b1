// Official service numbers that redaction leaves alone, read from the table admins keep. A stand-in
// until tickets/redaction/service-numbers.ts (the redaction engine's own loader) lands; then the
// draft imports that one instead and this file goes.
import type { Db } from '../../db/client';
import { serviceNumbers } from '../../db/schema';

export async function loadServiceNumbers(db: Db): Promise<string[]> {
  const rows = await db.select({ number: serviceNumbers.number }).from(serviceNumbers);
  return rows.map((r) => r.number);
}
