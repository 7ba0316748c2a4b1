// Counts the D1 round trips the hub makes while the benchmark asks it to (scripts/bench/intake.mjs,
// `intake.<channel>.d1_round_trips`): a statement's run/all/first/raw, a batch and an exec each
// count one, as tests/helpers.ts's observeD1 counts them in the tests. Off, the benchmark's Worker
// entry hands the hub its own binding untouched, so the rates are measured without the wrapper.
// On, the hub gets one wrapper per binding for as long as the binding lives: intake's group
// commit (tickets/group-commit.ts) and the isolate's caches keep working across requests.
const counting = { on: false, calls: 0 };

const countedMethods = new Set<PropertyKey>(['run', 'all', 'first', 'raw']);
/** The wrapped statement's own statement, which the real batch() needs. */
const unwrapped = new WeakMap<object, D1PreparedStatement>();
const wrappers = new WeakMap<D1Database, D1Database>();

function count<F extends (...args: never[]) => unknown>(f: F): F {
  return ((...args: Parameters<F>) => {
    counting.calls++;
    return f(...args);
  }) as F;
}

function wrapStatement(statement: D1PreparedStatement): D1PreparedStatement {
  const proxy = new Proxy(statement, {
    get(target, key) {
      if (key === 'bind') return (...values: unknown[]) => wrapStatement(target.bind(...values));
      const value = Reflect.get(target, key);
      if (typeof value !== 'function') return value;
      const method = value.bind(target);
      return countedMethods.has(key) ? count(method) : method;
    },
  });
  unwrapped.set(proxy, statement);
  return proxy;
}

function wrapDatabase(d1: D1Database): D1Database {
  return new Proxy(d1, {
    get(target, key) {
      if (key === 'prepare') return (sql: string) => wrapStatement(target.prepare(sql));
      if (key === 'batch')
        return count((statements: D1PreparedStatement[]) => target.batch(statements.map((s) => unwrapped.get(s) ?? s)));
      if (key === 'exec') return count((sql: string) => target.exec(sql));
      const value = Reflect.get(target, key);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** The environment the hub gets: its own while not counting, else with the counting binding. */
export function countedEnv(env: Env): Env {
  if (!counting.on) return env;
  let db = wrappers.get(env.DB);
  if (!db) {
    db = wrapDatabase(env.DB);
    wrappers.set(env.DB, db);
  }
  return { ...env, DB: db };
}

/** Starts counting from zero. */
export function startCounting(): void {
  counting.on = true;
  counting.calls = 0;
}

export function stopCounting(): void {
  counting.on = false;
}

export function countedCalls(): number {
  return counting.calls;
}
