// Group commit: writes that arrive while an earlier write of the same kind is in flight wait for
// it and then go out together, as one D1 batch or one queue send. A Worker isolate serves many
// requests at once, and each D1 or queue call costs far more than the statements or messages it
// carries, so under load intake pays for one call per group instead of one per message. With no
// load nothing waits: a write with no write in flight goes at once, on its own.
//
// Each group is sent by one of its own members, from that member's own request, so no request
// does I/O on behalf of one that has already answered. A member stuck behind a group that never
// settles (its request was cancelled) sends its own write after `staleMs`. Sending a write twice
// is harmless here: intake's statements are guarded by the inbox row, and at worst a rate limit
// counts one attempt twice.

export interface GroupCommitOptions<T, R> {
  /** Sends a group; returns one result per item, in order. */
  flush: (items: T[]) => Promise<R[]>;
  /** The most items one group may carry (D1 and queue calls have size limits). */
  maxItems: number;
  staleMs?: number;
}

interface Entry<T, R> {
  item: T;
  outcome?: { ok: true; value: R } | { ok: false; error: unknown };
}

export function createGroupCommit<T, R>({
  flush,
  maxItems,
  staleMs = 10_000,
}: GroupCommitOptions<T, R>): (item: T) => Promise<R> {
  let waiting: Entry<T, R>[] = [];
  let inFlight: Promise<void> | null = null;

  // A failed group is sent again one item at a time, so one bad write fails only itself.
  async function send(group: Entry<T, R>[]): Promise<void> {
    try {
      const results = await flush(group.map((e) => e.item));
      for (const [i, e] of group.entries()) e.outcome = { ok: true, value: results[i] as R };
    } catch (error) {
      if (group.length === 1) {
        group[0]!.outcome = { ok: false, error };
        return;
      }
      for (const e of group) await send([e]);
    }
  }

  return async function submit(item: T): Promise<R> {
    const entry: Entry<T, R> = { item };
    waiting.push(entry);
    const since = Date.now();
    while (!entry.outcome) {
      if (inFlight) {
        const current = inFlight;
        let timer: ReturnType<typeof setTimeout> | undefined;
        await Promise.race([current, new Promise((r) => (timer = setTimeout(r, staleMs)))]);
        clearTimeout(timer);
        if (!entry.outcome && current === inFlight && Date.now() - since >= staleMs) {
          waiting = waiting.filter((e) => e !== entry);
          await send([entry]);
        }
        continue;
      }
      const group = waiting.slice(0, maxItems);
      waiting = waiting.slice(maxItems);
      const flight = send(group).finally(() => {
        if (inFlight === flight) inFlight = null;
      });
      inFlight = flight;
      await flight;
    }
    if (!entry.outcome.ok) throw entry.outcome.error;
    return entry.outcome.value;
  };
}

/**
 * A group commit per target (a D1 binding, a queue): writes to one target share calls, writes
 * to different targets never mix. Each target's group commit lives as long as the target.
 */
export function groupCommitPerTarget<K extends object, T, R>(
  optionsFor: (target: K) => GroupCommitOptions<T, R>,
): (target: K, item: T) => Promise<R> {
  const commits = new WeakMap<K, (item: T) => Promise<R>>();
  return (target, item) => {
    let submit = commits.get(target);
    if (!submit) {
      submit = createGroupCommit(optionsFor(target));
      commits.set(target, submit);
    }
    return submit(item);
  };
}

/**
 * A D1 batch that concurrent callers share: resolves to this caller's own results. The shared
 * batch is one transaction; if it fails, each caller's statements are sent again on their own.
 */
export const sharedBatch = groupCommitPerTarget((d1: D1Database) => ({
  // D1 counts every statement against a Worker invocation's query limit: keep groups modest.
  maxItems: 10,
  flush: async (groups: D1PreparedStatement[][]): Promise<D1Result[][]> => {
    const results = await d1.batch(groups.flat());
    let at = 0;
    return groups.map((g) => {
      const own = results.slice(at, at + g.length);
      at += g.length;
      return own;
    });
  },
}));
