// HTML mail bodies to plain text for a ticket: htmlparser2 tokenises the markup and decodes
// every entity (named, decimal and hex), which a hand-written pass kept getting wrong; this file
// only decides where a line ends and what is not text (scripts, styles, the head).
import { Parser } from 'htmlparser2';

/** Elements whose content a resident never sees as text. */
const hidden = new Set(['head', 'script', 'style', 'template', 'title']);
/** Elements that end a line when they close. */
const blocks = new Set([
  'address',
  'article',
  'blockquote',
  'dd',
  'div',
  'dt',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'tr',
  'ul',
]);

export function htmlToText(html: string): string {
  let text = '';
  let hiddenDepth = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (hidden.has(name)) hiddenDepth++;
        else if (name === 'br') text += '\n';
      },
      onclosetag(name, isImplied) {
        if (hidden.has(name)) hiddenDepth = Math.max(0, hiddenDepth - 1);
        else if (blocks.has(name) && !isImplied) text += '\n';
      },
      ontext(chunk) {
        // As a browser shows it: runs of source whitespace are one space (not U+00A0, &nbsp;).
        if (hiddenDepth === 0) text += chunk.replace(/[ \t\r\n\f]+/g, ' ');
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  return text
    .replaceAll('\u00a0', ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
