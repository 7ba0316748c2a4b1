// E-mail addresses, written plainly (zhang.san@example.com) or spelled out so that filters miss
// them: zhangsan at example dot com, zhangsan#example.com, zhangsan（at）example.com,
// zhangsan艾特example点com, zhangsan[at]qq[dot]com. A spelled-out address must end in a known
// top-level domain, so that English words around "at" and "dot" are not taken for one.
import { type Entities, extractEntities } from '../../routing';
import { labels } from './replacements';
import type { Finding } from './types';

const LOCAL = `[A-Za-z0-9][A-Za-z0-9._%+-]*`;
const LABEL = `[A-Za-z0-9][A-Za-z0-9-]*`;
const AT = String.raw`(?:\s*(?:[(（\[【]\s*(?:at|AT|@)\s*[)）\]】]|[@＠#]|艾特|圈a|圈A)\s*|\s+(?:at|AT)\s+)`;
const DOT = String.raw`(?:\s*(?:[(（\[【]\s*(?:dot|DOT|点|\.)\s*[)）\]】]|[.．。]|点)\s*|\s+(?:dot|DOT)\s+)`;
const TLD = '(?:com|cn|net|org|edu|gov|info|biz|io|me|top|xyz|cc|co|hk|tw|mo|us|uk|jp|vip|site|online)';
const SPELLED = new RegExp(`${LOCAL}${AT}${LABEL}(?:${DOT}${LABEL})*?${DOT}${TLD}(?![A-Za-z0-9])`, 'gi');

/** Every e-mail address in the text, plain or spelled out. */
export function findEmails(text: string, entities: Pick<Entities, 'emails'> = extractEntities(text)): Finding[] {
  const plain = entities.emails;
  const spelled = [...text.matchAll(SPELLED)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  return [...plain, ...spelled].map((s) => ({ start: s.start, end: s.end, kind: 'email', replacement: labels.email }));
}
