// Group commit: writes that arrive while an earlier write of the same kind is in flight wait for
// it and then go out together, as one D1 batch or one queue send. A Worker isolate serves many
// requests at once, and each D1 or queue call costs far more than the statements or messages it
// carries, so under load intake pays for one call per group instead of one per message. With no
// load nothing waits: a write with no write in flight goes at once, on its own.
//
// Each group is sent by one of its own members, from that member's own request, so no request
// does I/O on behalf of one that has already answered. A member stuck behind a group that never
// settles (its request was cancelled) sends its own write after `staleMs`; the writes here are
// idempotent (intake's are guarded by the inbox row), so sending one twice is harmless.

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

export function createGroupCommit<T, R>({ flush, maxItems, staleMs = 10_000 }: GroupCommitOptions<T, R>): (item: T) => Promise<R> {
  let waiting: Entry<T, R>[] = [];
  let inFlight: Promise<void> | null = null;

  // A failed group is sent again one item at a time, so one bad write fails only itself.
  async function send(group: Entry<T, R>[]): Promise<void> {
    try {
      const results = await flush(group.map((e) => e.item));
      group.forEach((e, i) => (e.outcome = { ok: true, value: results[i] as R }));
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
