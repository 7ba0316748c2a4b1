// Identifiers: opaque row ids, and the query code a resident uses with the ticket number.

export function newId(): string {
  return crypto.randomUUID();
}

/** Six random digits: short enough to read out on the phone; tracking is rate-limited. */
export function newQueryCode(): string {
  const [n] = crypto.getRandomValues(new Uint32Array(1));
  return String((n ?? 0) % 1_000_000).padStart(6, '0');
}
