// Normalisation: the first step of routing. Every channel's text becomes one canonical form
// (NFKC, simplified Chinese, tidy whitespace and punctuation, no ASR noise), so that the
// classifier, the rules and the duplicate signatures see the same message however it arrived.
import { toSimplified } from './convert-chinese';

export type NormaliseOptions = { channel?: string };

export type TranscriptSegment = { speaker: 'agent' | 'caller'; text: string; startMs: number };

// Excel exports of message boards leave literal carriage-return escapes in the text.
const EXCEL_ESCAPES = /_x000[dDaA]_/g;
// Zero-width and other invisible characters that survive NFKC and split words.
const INVISIBLE = /[\u200B-\u200F\u2060\uFEFF\u00AD]/g;
// Annotations that speech recognisers put into transcripts: [噪音] <unk> (笑声) ＜静音＞.
const ASR_TAGS = /\[[^\]]{0,12}\]|<[^>]{0,12}>|\((?:笑|笑声|噪音|杂音|静音|咳嗽|听不清|音乐|背景音)[^)]{0,6}\)/g;
// Hesitations and discourse fillers that carry no meaning in a complaint. Only removed when
// they stand on their own (clause start, or followed by punctuation) so words like 那个小区 stay.
const FILLER_WORDS =
  '嗯+|呃+|额+|唔+|哦+|噢+|喔+|哎+|诶+|欸+|啊+|呀|那个那个|这个这个|就是说|然后呢|怎么说呢|你知道吧|对对对|是是是|好好好|喂+';
const FILLER_AT_CLAUSE_START = new RegExp(`(^|[,.!?;:。、\\s])(?:(?:${FILLER_WORDS})[,.!?;:。、\\s]*)+`, 'g');
const FILLER_BEFORE_PUNCT = new RegExp(`(?:${FILLER_WORDS})(?=[,.!?;:。、])`, 'g');

/**
 * Canonical text for routing. NFKC first (full-width letters and digits become ASCII, Chinese
 * full-width punctuation becomes ASCII punctuation), then traditional → simplified, then
 * whitespace and runs of punctuation are collapsed. Phone transcripts also lose ASR fillers.
 */
export function normaliseText(text: string, options: NormaliseOptions = {}): string {
  let out = text.replace(EXCEL_ESCAPES, '\n').normalize('NFKC').replace(INVISIBLE, '');
  out = toSimplified(out);
  if (options.channel === 'phone') out = removeFillers(out);
  return tidyPunctuation(out);
}

function removeFillers(text: string): string {
  return text.replace(ASR_TAGS, ' ').replace(FILLER_AT_CLAUSE_START, '$1').replace(FILLER_BEFORE_PUNCT, '');
}

function tidyPunctuation(text: string): string {
  return (
    text
      // "。。。" "!!!" "，，" are emphasis, not meaning; keep the first mark of a run.
      .replace(/([,.!?;:。、~…\-=*#])(?:\s*\1)+/g, '$1')
      .replace(/[ \t\r\f\v\u3000]+/g, ' ')
      .replace(/\s*\n\s*/g, '\n')
      .replace(/\n{2,}/g, '\n')
      // A space between two Chinese characters is an artefact, not a word break.
      .replace(/(?<=[\p{Script=Han}]) (?=[\p{Script=Han}])/gu, '')
      .trim()
  );
}

/**
 * The caller's own words from a call-centre transcript, in time order, fillers and ASR noise
 * removed. The agent's lines are left out: they repeat standard greetings and questions that
 * would blur classification and duplicate detection.
 */
export function normalisePhoneTranscript(segments: readonly TranscriptSegment[]): string {
  return (
    segments
      .map((segment, index) => ({ segment, index }))
      // Stable by original order for equal timestamps.
      .sort((a, b) => a.segment.startMs - b.segment.startMs || a.index - b.index)
      .filter(({ segment }) => segment.speaker === 'caller')
      .map(({ segment }) => normaliseText(segment.text, { channel: 'phone' }).replace(/[,.;:。、\s]+$/u, ''))
      .filter((line) => line.length > 0)
      .join('。')
  );
}
