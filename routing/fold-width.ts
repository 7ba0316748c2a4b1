// Length-preserving width folding: full-width ASCII (Ａ１＠) becomes ASCII, the ideographic space
// a plain space. Unlike NFKC it never changes the length of the string, so offsets found in the
// folded text are valid in the original: redaction relies on that.

export function foldWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E\u3000]/g, (ch) =>
    ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
  );
}
