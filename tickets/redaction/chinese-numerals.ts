// Phone numbers read out or typed in Chinese numerals (一三八一二三四五六七八, 幺三九…, 〇七三一…):
// the digit view maps each numeral in a long run of digits and numerals to its digit, one
// character for one, so every detector that works on digits finds them too and the offsets it
// reports are offsets into the original text.

const NUMERALS: Record<string, string> = {
  零: '0',
  〇: '0',
  一: '1',
  幺: '1',
  二: '2',
  两: '2',
  三: '3',
  四: '4',
  五: '5',
  六: '6',
  七: '7',
  八: '8',
  九: '9',
};

// A run of digits and numerals, single separators allowed between them.
const RUN = /[0-9零〇一幺二两三四五六七八九](?:[\s\-.·—]?[0-9零〇一幺二两三四五六七八九])+/g;

// Seven digit-like characters make a number (a local landline); fewer are words: 三五成群, 一二三.
const MIN_DIGITS = 7;

/** The text with Chinese numerals in runs of seven or more digit-like characters turned into digits. */
export function toDigitView(text: string): string {
  return text.replace(RUN, (run) => {
    // A lone numeral among digits is a dash or a word (2017一2018年, 300-400一天); a number
    // written in numerals has two of them at least.
    const digits = run.replace(/[\s\-.·—]/g, '');
    const numerals = digits.replace(/\d/g, '').length;
    if (digits.length < MIN_DIGITS || numerals < 2) return run;
    return [...run].map((ch) => NUMERALS[ch] ?? ch).join('');
  });
}
