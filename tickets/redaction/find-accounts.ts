// WeChat ids and QQ numbers: after a cue (微信号：zhangsan_1990, 加我vx wxid_abc123, QQ 123456789,
// 扣扣号是…), and without one when the shape gives them away: wxid_… is always a WeChat id, and a
// Latin handle with an underscore and digits (zhangsan_1990) is nobody's word.
import { labels } from './replacements';
import type { Finding } from './types';

const WECHAT_CUE = `(?:微信|威信|薇信|vx|VX|Vx|wx|WX|weixin|WeChat|wechat|v信|V信)(?:号|id|ID|账号)?`;
const QQ_CUE = `(?:QQ|qq|Qq|扣扣|企鹅)(?:号码|号|群号?|账号)?`;
const JOIN = String.raw`\s*(?:是|为|[:：])?\s*`;
// WeChat ids are 6–20 characters, starting with a letter; many residents give their phone instead.
const WECHAT = new RegExp(`${WECHAT_CUE}${JOIN}([A-Za-z][A-Za-z0-9_-]{5,19})(?![A-Za-z0-9_-])`, 'g');
const WXID = /(?<![A-Za-z0-9_])wxid_[A-Za-z0-9_-]{4,}/g;
const HANDLE =
  /(?<![A-Za-z0-9_.@-])(?=[A-Za-z0-9_]{6,})[A-Za-z][A-Za-z0-9]*_[A-Za-z0-9_]*\d[A-Za-z0-9_]*(?![A-Za-z0-9_@-])/g;
const QQ = new RegExp(String.raw`${QQ_CUE}${JOIN}([1-9]\d{4,11})(?!\d)`, 'g');

function groupSpans(text: string, regex: RegExp, kind: 'wechat_id' | 'qq'): Finding[] {
  return [...text.matchAll(regex)].map((m) => {
    const value = m[1] ?? m[0];
    const start = m.index + m[0].length - value.length;
    return { start, end: start + value.length, kind, replacement: labels[kind] };
  });
}

export function findAccounts(text: string): Finding[] {
  return [
    ...groupSpans(text, WECHAT, 'wechat_id'),
    ...groupSpans(text, WXID, 'wechat_id'),
    ...groupSpans(text, HANDLE, 'wechat_id'),
    ...groupSpans(text, QQ, 'qq'),
  ];
}
