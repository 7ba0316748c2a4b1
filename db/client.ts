// The typed D1 client every module uses. drizzle is a thin layer: `db.batch()` still sends one
// D1 batch, which D1 runs as one transaction (D1 has no interactive transactions).
import { drizzle } from 'drizzle-orm/d1';
import * as schema from './schema';

export type Db = ReturnType<typeof openDb>;

export function openDb(d1: D1Database) {
  return drizzle(d1, { schema });
}

export { schema };
