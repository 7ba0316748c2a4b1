// Hot spots (热点): many residents writing about the same thing in the same place. Tickets are
// grouped by place, linked when their signatures are similar (candidate pairs come from shared
// LSH band keys, so the work grows with the number of similar pairs, not with n²), and the
// connected groups that reach the minimum size become clusters.
import { signatureBands, similarity } from './similarity';

export type HotspotItem = {
  ticketId: string;
  signature: string;
  placeCode: string | null;
  receivedAt: number;
  contactKey?: string | null;
};

export type HotspotOptions = {
  /** Estimated Jaccard similarity that links two tickets (default 0.2: the same matter in other words). */
  threshold?: number;
  /** Distinct residents needed for a hot spot (default 3); tickets without a contact count once each. */
  minResidents?: number;
  /** Only tickets received in (now - windowMs, now] take part, when both are given. */
  now?: number;
  windowMs?: number;
};

export type HotspotCluster = {
  placeCode: string;
  ticketIds: string[];
  size: number;
  residents: number;
  firstAt: number;
  lastAt: number;
  /** The earliest ticket's signature, to match later tickets against the cluster. */
  signature: string;
};

function find(parent: number[], i: number): number {
  while (parent[i] !== i) {
    parent[i] = parent[parent[i]!]!;
    i = parent[i]!;
  }
  return i;
}

export function clusterHotspots(items: readonly HotspotItem[], options: HotspotOptions = {}): HotspotCluster[] {
  const threshold = options.threshold ?? 0.2;
  const minResidents = options.minResidents ?? 3;
  const inWindow = (t: number) =>
    options.now === undefined ||
    options.windowMs === undefined ||
    (t <= options.now && options.now - t < options.windowMs);
  const pool = items.filter((item) => item.placeCode && inWindow(item.receivedAt));
  const parent = pool.map((_, i) => i);
  const buckets = new Map<string, number[]>();
  pool.forEach((item, i) => {
    for (const band of signatureBands(item.signature)) {
      const key = `${item.placeCode}|${band}`;
      const list = buckets.get(key);
      if (list) list.push(i);
      else buckets.set(key, [i]);
    }
  });
  const compared = new Set<string>();
  for (const members of buckets.values()) {
    for (let x = 0; x < members.length; x++) {
      for (let y = x + 1; y < members.length; y++) {
        const a = members[x]!;
        const b = members[y]!;
        const pair = `${a},${b}`;
        if (compared.has(pair)) continue;
        compared.add(pair);
        if (similarity(pool[a]!.signature, pool[b]!.signature) >= threshold) parent[find(parent, a)] = find(parent, b);
      }
    }
  }
  const groups = new Map<number, number[]>();
  pool.forEach((_, i) => {
    const root = find(parent, i);
    const list = groups.get(root);
    if (list) list.push(i);
    else groups.set(root, [i]);
  });
  const clusters: HotspotCluster[] = [];
  for (const members of groups.values()) {
    const group = members
      .map((i) => pool[i]!)
      .sort((a, b) => a.receivedAt - b.receivedAt || (a.ticketId < b.ticketId ? -1 : 1));
    const residents = new Set(group.map((item) => item.contactKey ?? `ticket:${item.ticketId}`)).size;
    if (residents < minResidents) continue;
    clusters.push({
      placeCode: group[0]!.placeCode!,
      ticketIds: group.map((item) => item.ticketId),
      size: group.length,
      residents,
      firstAt: group[0]!.receivedAt,
      lastAt: group[group.length - 1]!.receivedAt,
      signature: group[0]!.signature,
    });
  }
  return clusters.sort(
    (a, b) =>
      b.residents - a.residents ||
      b.size - a.size ||
      (a.placeCode < b.placeCode ? -1 : a.placeCode > b.placeCode ? 1 : 0) ||
      a.firstAt - b.firstAt,
  );
}
