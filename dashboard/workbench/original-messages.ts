// The resident's own words as each channel delivered them, read back from the inbox's raw rows:
// a call's transcript by speaker, a letter's fields, a WeChat message, an e-mail's text and
// attachments. The raw text came from outside, so it is parsed, never trusted: anything that
// does not parse is shown as plain text (the page escapes it), never as markup.
import { XMLParser } from 'fast-xml-parser';
import PostalMime from 'postal-mime';
import type { inbox } from '../../db/schema';

export type InboxRow = typeof inbox.$inferSelect;

export interface OriginalMessage {
  channel: string;
  channelLabel: string;
  receivedAt: number;
  title: string | null;
  /** Speaker turns for a call, else one text. */
  transcript: Array<{ speaker: 'agent' | 'caller'; text: string }> | null;
  text: string;
  facts: Array<[string, string]>;
  attachments: Array<{ name: string; contentType: string; size: number | null; url: string | null }>;
  /** It names the sender (a caller's number, an e-mail's From, a chat's sender, the raw text): its read is logged. */
  showsSender: boolean;
}

import { channelLabels } from '../../tickets/inbound-message';

export { channelLabels };

const MAX_SHOWN = 20_000;

// The same guards as the WeChat channel's parser: entities limited to XML's five, no DOCTYPE use.
const xml = new XMLParser({ ignoreAttributes: true, parseTagValue: false, processEntities: true, maxNestedTags: 8 });

type Parsed = Partial<Omit<OriginalMessage, 'channel' | 'channelLabel' | 'receivedAt'>>;

function jsonObject(raw: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(raw);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);

function attachmentsOf(v: unknown): OriginalMessage['attachments'] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((a) =>
    a && typeof a === 'object'
      ? [
          {
            name: str((a as Record<string, unknown>).name) ?? '附件',
            contentType: str((a as Record<string, unknown>).contentType) ?? '',
            size:
              typeof (a as Record<string, unknown>).size === 'number' ? ((a as { size: number }).size ?? null) : null,
            url: str((a as Record<string, unknown>).url),
          },
        ]
      : [],
  );
}

function parsePhone(raw: string): Parsed | null {
  const call = jsonObject(raw);
  if (!call || !Array.isArray(call.transcript)) return null;
  const transcript = call.transcript.flatMap((s: unknown) => {
    const seg = s as { speaker?: unknown; text?: unknown };
    const text = str(seg?.text);
    return text ? [{ speaker: seg.speaker === 'agent' ? ('agent' as const) : ('caller' as const), text }] : [];
  });
  const facts: Array<[string, string]> = [];
  if (str(call.caller)) facts.push(['来电号码', String(call.caller)]);
  if (typeof call.durationS === 'number') facts.push(['通话时长', `${call.durationS} 秒`]);
  return { title: str(call.summary), transcript, text: '', facts, showsSender: !!str(call.caller) };
}

function parseWechat(raw: string): Parsed | null {
  if (/<!DOCTYPE/i.test(raw)) return null;
  let doc: { xml?: Record<string, unknown> };
  try {
    doc = xml.parse(raw) as typeof doc;
  } catch {
    return null;
  }
  const m = doc.xml;
  if (!m || typeof m !== 'object') return null;
  const text = str(m.Content) ?? str(m.Recognition) ?? str(m.Label) ?? str(m.Title) ?? '';
  const facts: Array<[string, string]> = [['消息类型', String(m.MsgType ?? '')]];
  const attachments = str(m.PicUrl) ? [{ name: '图片', contentType: 'image', size: null, url: str(m.PicUrl) }] : [];
  return { text, facts, attachments };
}

function parseForm(raw: string): Parsed {
  const form = new URLSearchParams(raw);
  const facts: Array<[string, string]> = [];
  for (const [key, label] of [
    ['location', '发生地点'],
    ['address_string', '地址'],
    ['type', '来信类型'],
  ] as const) {
    const v = form.get(key);
    if (v) facts.push([label, v]);
  }
  return { title: form.get('title'), text: form.get('content') ?? form.get('description') ?? '', facts };
}

/** A multipart form as sent: its boundary is its first line. */
async function parseMultipart(raw: string): Promise<Parsed | null> {
  const boundary = raw.slice(2, raw.search(/\r?\n/));
  if (!/^[\w'()+,./:=?-]{1,70}$/.test(boundary)) return null;
  try {
    const data = await new Response(raw, {
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    }).formData();
    const form = new URLSearchParams();
    for (const [k, v] of data) if (typeof v === 'string') form.append(k, v);
    return parseForm(form.toString());
  } catch {
    return null;
  }
}

async function parseEmail(raw: string): Promise<Parsed | null> {
  try {
    const mail = await PostalMime.parse(raw, { maxNestingDepth: 20, maxHeadersSize: 64 * 1024 });
    return {
      title: mail.subject ?? null,
      text: mail.text ?? '',
      facts: mail.from?.address ? [['发件人', mail.from.address]] : [],
      showsSender: !!mail.from?.address,
      attachments: mail.attachments.map((a) => ({
        name: a.filename ?? '附件',
        contentType: a.mimeType,
        size: typeof a.content === 'string' ? a.content.length : a.content.byteLength,
        url: null,
      })),
    };
  } catch {
    return null;
  }
}

/** JSON intakes (api, wechaty, import) carry InboundMessage-like fields. */
function parseJsonMessage(raw: string): Parsed | null {
  const m = jsonObject(raw);
  if (!m) return null;
  const location = m.location as { address?: unknown } | undefined;
  const facts: Array<[string, string]> = [];
  if (str(location?.address)) facts.push(['地点', String(location?.address)]);
  if (str(m.talkerName)) facts.push(['发送人', String(m.talkerName)]);
  return {
    title: str(m.title),
    text: str(m.text) ?? str(m.description) ?? '',
    facts,
    attachments: attachmentsOf(m.attachments),
    showsSender: !!str(m.talkerName),
  };
}

async function parseRaw(channel: string, raw: string): Promise<Parsed | null> {
  switch (channel) {
    case 'phone':
      return parsePhone(raw);
    case 'wechat':
      return parseWechat(raw);
    case 'email':
      return parseEmail(raw);
    case 'mailbox':
    case 'open311':
      if (raw.startsWith('--')) return parseMultipart(raw);
      return raw.trimStart().startsWith('{') ? parseJsonMessage(raw) : parseForm(raw);
    default:
      return parseJsonMessage(raw);
  }
}

export async function originalMessage(row: InboxRow): Promise<OriginalMessage> {
  // What does not parse is shown verbatim, sender and all.
  const parsed = (await parseRaw(row.channel, row.raw)) ?? { text: row.raw, showsSender: true };
  return {
    channel: row.channel,
    channelLabel: channelLabels[row.channel] ?? row.channel,
    receivedAt: row.receivedAt,
    title: parsed.title ?? null,
    transcript: parsed.transcript ?? null,
    text: (parsed.text ?? '').slice(0, MAX_SHOWN),
    facts: parsed.facts ?? [],
    attachments: parsed.attachments ?? [],
    showsSender: parsed.showsSender ?? false,
  };
}
