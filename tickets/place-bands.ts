// The keys under which a placed ticket is filed in `ticket_bands`: its signature's LSH bands
// (routing/similarity.ts), each prefixed with the place. Tickets that share a key are at the same
// place and likely alike, so hot-spot candidates come from an equality lookup, not from every
// ticket of a busy district.
import { signatureBands } from '../routing';

export function placeBandKeys(placeCode: string | null, signature: string | null): string[] {
  if (!placeCode || !signature) return [];
  return signatureBands(signature).map((band) => `${placeCode}|${band}`);
}
