// House, building and room numbers (门牌号) and licence plates. Routing finds street and estate
// addresses (芙蓉路12号3栋501室, 幸福小区3栋2单元); this adds the numbers written without a road
// before them: 12号楼, 502室, 502房, 3栋2单元502室, 3-2-502室. Only the digits are masked, so the
// reader still sees that a flat was meant. Counts are not addresses: 3户, 5栋楼, 18层, 200平方米.
import type { Entities } from '../../routing';
import { maskDigits, maskPlate } from './replacements';
import type { Finding } from './types';

const PART = String.raw`\d+(?:-\d+)*(?:号楼|号房|号院|栋|幢|座|单元|楼|层|室|房|号)`;
// A chain names a home when one of its parts is a room, a numbered building or a unit; a lone
// 栋 or 幢 counts unless a word for a building follows it (5栋楼, 3栋住宅 are counts).
const STRONG = /号楼|号房|单元|室|房|(?:栋|幢)(?![楼房住宅])/u;
const CHAIN = new RegExp(String.raw`(?<![\d-])(?:${PART})+(?![楼房住宅])`, 'gu');
const DASHED_ROOM = /(?<![\d-])\d{1,3}-\d{1,2}-\d{3,4}(?:室|房|号)?(?!\d)/g;

export function findAddresses(text: string, entities: Pick<Entities, 'addresses' | 'plates'>): Finding[] {
  const found: Finding[] = entities.addresses.map((s) => ({
    start: s.start,
    end: s.end,
    kind: 'address',
    replacement: maskDigits(text.slice(s.start, s.end)),
  }));
  for (const m of text.matchAll(CHAIN)) {
    if (!STRONG.test(m[0])) continue;
    found.push({ start: m.index, end: m.index + m[0].length, kind: 'address', replacement: maskDigits(m[0]) });
  }
  for (const m of text.matchAll(DASHED_ROOM)) {
    found.push({ start: m.index, end: m.index + m[0].length, kind: 'address', replacement: maskDigits(m[0]) });
  }
  for (const s of entities.plates) {
    found.push({ start: s.start, end: s.end, kind: 'plate', replacement: maskPlate(s.value) });
  }
  return found;
}
