// A D1 binding that fails where a test says: wraps the real one, and makes chosen round trips
// (a statement's run/all/first/raw, or a whole batch) throw before they reach the database, as
// D1 does when it is overloaded or a connection drops. A failed batch writes nothing, as a real
// one rolls back whole; round trips before it stay written, which is what the fault tests check
// for half-written state.

export interface FaultPlan {
  /** Round trips whose SQL matches (for a batch: any of its statements) may fail; default all. */
  match?: RegExp;
  /** The first matching round trip that fails, counting from 1; default the first. */
  from?: number;
  /** How many matching round trips fail from then on; default every one. */
  times?: number;
}

export interface FailingD1 {
  db: D1Database;
  /** How many round trips were made to fail. */
  readonly failures: number;
  /** Every round trip's statements, in order, failed or not. */
  readonly roundTrips: string[][];
  /** From now on every round trip reaches the database. */
  heal(): void;
}

export class InjectedD1Error extends Error {
  constructor(sql: string) {
    super(`D1_ERROR: injected failure (${sql.slice(0, 80)})`);
    this.name = 'InjectedD1Error';
  }
}

const runMethods = new Set(['run', 'all', 'first', 'raw']);

export function failingD1(real: D1Database, plan: FaultPlan = {}): FailingD1 {
  const sqlOf = new WeakMap<object, string>();
  const realOf = new WeakMap<object, D1PreparedStatement>();
  const roundTrips: string[][] = [];
  let matched = 0;
  let failures = 0;
  let healed = false;
  const from = plan.from ?? 1;
  const times = plan.times ?? Number.POSITIVE_INFINITY;

  const check = (sqls: string[]) => {
    roundTrips.push(sqls);
    if (healed || !sqls.some((s) => plan.match?.test(s) ?? true)) return;
    matched++;
    if (matched >= from && matched < from + times) {
      failures++;
      throw new InjectedD1Error(sqls.find((s) => plan.match?.test(s) ?? true) ?? '');
    }
  };

  const wrap = (statement: D1PreparedStatement, sql: string): D1PreparedStatement => {
    const proxy = new Proxy(statement, {
      get(target, key) {
        if (key === 'bind') return (...values: unknown[]) => wrap(target.bind(...values), sql);
        const value = Reflect.get(target, key, target);
        if (typeof key === 'string' && runMethods.has(key) && typeof value === 'function') {
          return (...args: unknown[]) => {
            check([sql]);
            return value.apply(target, args);
          };
        }
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    sqlOf.set(proxy, sql);
    realOf.set(proxy, statement);
    return proxy;
  };

  const db = new Proxy(real, {
    get(target, key) {
      if (key === 'prepare') return (sql: string) => wrap(target.prepare(sql), sql);
      if (key === 'batch') {
        return (statements: D1PreparedStatement[]) => {
          check(statements.map((s) => sqlOf.get(s) ?? '?'));
          return target.batch(statements.map((s) => realOf.get(s) ?? s));
        };
      }
      if (key === 'exec') {
        return (sql: string) => {
          check([sql]);
          return target.exec(sql);
        };
      }
      const value = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });

  return {
    db,
    get failures() {
      return failures;
    },
    roundTrips,
    heal() {
      healed = true;
    },
  };
}
