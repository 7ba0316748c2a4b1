import { describe, expect, it } from 'vitest';
import { createGroupCommit, groupCommitPerTarget } from './group-commit';

/** A flush that records its groups and answers each item with its double, after `delayMs`. */
function recordingFlush(delayMs = 5, failWhen: (items: number[]) => boolean = () => false) {
  const groups: number[][] = [];
  const flush = async (items: number[]) => {
    groups.push([...items]);
    await new Promise((r) => setTimeout(r, delayMs));
    if (failWhen(items)) throw new Error(`bad group ${items.join(',')}`);
    return items.map((i) => i * 2);
  };
  return { groups, flush };
}

describe('group commit', () => {
  it('sends a lone write at once, in a group of its own', async () => {
    const { groups, flush } = recordingFlush();
    const submit = createGroupCommit({ flush, maxItems: 10 });
    expect(await submit(21)).toBe(42);
    expect(await submit(4)).toBe(8);
    expect(groups).toEqual([[21], [4]]);
  });

  it('groups writes that arrive while one is in flight, and answers each its own result', async () => {
    const { groups, flush } = recordingFlush();
    const submit = createGroupCommit({ flush, maxItems: 10 });
    // 1 goes alone; 2..6 arrive during its flight and go together next.
    const results = await Promise.all([1, 2, 3, 4, 5, 6].map((i) => submit(i)));
    expect(results).toEqual([2, 4, 6, 8, 10, 12]);
    expect(groups).toEqual([[1], [2, 3, 4, 5, 6]]);
  });

  it('never puts more than maxItems in one group', async () => {
    const { groups, flush } = recordingFlush();
    const submit = createGroupCommit({ flush, maxItems: 3 });
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => submit(i)));
    expect(results).toEqual([0, 2, 4, 6, 8, 10, 12, 14]);
    expect(groups).toEqual([[0], [1, 2, 3], [4, 5, 6], [7]]);
  });

  it('sends a failed group again item by item, so only the bad write fails', async () => {
    // Any group containing 13 fails, as a D1 batch fails whole when one statement fails.
    const { groups, flush } = recordingFlush(5, (items) => items.includes(13));
    const submit = createGroupCommit({ flush, maxItems: 10 });
    const settled = await Promise.allSettled([1, 12, 13, 14].map((i) => submit(i)));
    expect(settled.map((s) => (s.status === 'fulfilled' ? s.value : (s.reason as Error).message))).toEqual([
      2,
      24,
      'bad group 13',
      28,
    ]);
    expect(groups).toEqual([[1], [12, 13, 14], [12], [13], [14]]);
  });

  it('sends its own write when the group it waits for never settles', async () => {
    let calls = 0;
    const submit = createGroupCommit<number, number>({
      // The first flush hangs (its request was cancelled); later ones answer.
      flush: (items) => (calls++ === 0 ? new Promise<number[]>(() => {}) : Promise.resolve(items.map((i) => i + 100))),
      maxItems: 10,
      staleMs: 30,
    });
    void submit(1);
    expect(await submit(2)).toBe(102);
  });

  it('keeps one group commit per target: writes to different targets never share a flush', async () => {
    const flushes: [string, number[]][] = [];
    const submit = groupCommitPerTarget((target: { name: string }) => ({
      maxItems: 10,
      flush: async (items: number[]) => {
        flushes.push([target.name, [...items]]);
        await new Promise((r) => setTimeout(r, 5));
        return items.map((i) => i * 2);
      },
    }));
    const a = { name: 'a' };
    const b = { name: 'b' };
    const results = await Promise.all([submit(a, 1), submit(b, 2), submit(a, 3), submit(b, 4), submit(a, 5)]);
    expect(results).toEqual([2, 4, 6, 8, 10]);
    // Each target's first write goes alone; the later ones to the same target go together.
    expect(flushes).toEqual([
      ['a', [1]],
      ['b', [2]],
      ['a', [3, 5]],
      ['b', [4]],
    ]);
  });
});
