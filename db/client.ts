// The typed D1 client every module uses. drizzle is a thin layer: `db.batch()` still sends one
// D1 batch, which D1 runs as one transaction (D1 has no interactive transactions).
import { drizzle } from 'drizzle-orm/d1';
import * as schema from './schema';

export type Db = ReturnType<typeof createDb>;

function createDb(d1: D1Database) {
  return drizzle(d1, { schema });
}

// drizzle works out the schema's relations each time it is created, which costs as much as a
// small query: one client per D1 binding, kept as long as the binding lives.
const clients = new WeakMap<D1Database, ReturnType<typeof createDb>>();

export function openDb(d1: D1Database) {
  let db = clients.get(d1);
  if (!db) {
    db = createDb(d1);
    clients.set(d1, db);
  }
  return db;
}

export { schema };
