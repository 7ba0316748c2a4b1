// GET /public/feed.atom: the newest published replies as Atom 1.0, built with the `feed` library.
// Every URL is absolute, from PUBLIC_BASE_URL; an entry's id is its page's URL, which never
// changes. Texts go in as escaped HTML, so nothing a resident wrote can break out of the markup.
import { Feed } from 'feed';
import { formatShanghai } from '../../routing/calendar';
import type { PublicReplyRow } from '../../tickets/publication/public-reads';

export const FEED_SIZE = 50;

// XML 1.0 has no place for most control characters; a stored text should hold none, but one
// stray character must not make the whole feed unreadable.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters XML forbids.
const notXml = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

function html(text: string): string {
  return text
    .replace(notXml, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function entryContent(row: PublicReplyRow): string {
  const who = row.department ? `${html(row.department)}，` : '';
  return [
    `<p><strong>来信摘要</strong></p><p>${html(row.question)}</p>`,
    `<p><strong>答复</strong>（${who}${formatShanghai(row.repliedAt)}）</p><p>${html(row.reply)}</p>`,
  ].join('');
}

export function publicFeed(baseUrl: string, rows: PublicReplyRow[]): string {
  const base = baseUrl.replace(/\/$/, '');
  const feed = new Feed({
    id: `${base}/public`,
    title: '政务公开 · 12345政务服务便民热线答复选登',
    description: '经来信人同意、承办单位审核并作隐私处理后公开的来信与答复',
    link: `${base}/public`,
    feedLinks: { atom: `${base}/public/feed.atom` },
    language: 'zh-CN',
    // An empty feed still needs an updated: the start of the epoch says "nothing yet" honestly.
    updated: new Date(rows[0]?.repliedAt ?? 0),
    author: { name: '12345政务服务便民热线', link: `${base}/public` },
    copyright: '公开信息，转载请注明来源',
    generator: false,
  });
  for (const row of rows) {
    const link = `${base}/public/${row.ticketNo}`;
    feed.addItem({
      id: link,
      title: html(row.title),
      link,
      date: new Date(row.repliedAt),
      published: new Date(row.repliedAt),
      description: html(Array.from(row.question).slice(0, 120).join('')),
      content: entryContent(row),
    });
  }
  return feed.atom1();
}
