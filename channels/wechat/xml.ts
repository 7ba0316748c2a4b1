// WeChat Official Account XML: parsing what WeChat POSTs (plain messages, the safe-mode
// envelope, events) and writing passive replies. Values stay strings: MsgId is a 64-bit number
// that a JavaScript number would round.
import { XMLParser } from 'fast-xml-parser';
import { z } from 'zod';

export class WechatXmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WechatXmlError';
  }
}

// The library's own guards do the refusing: a tag named __proto__/constructor/prototype throws,
// and so does nesting past maxNestedTags (WeChat's deepest, SendPicsInfo/PicList/item/PicMd5Sum
// under <xml>, is five). DOCTYPEs are refused before parsing (WeChat never sends one), so only
// the five XML entities and character references are ever expanded.
const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: 8,
});

/** A field is text: a repeated tag (an array) or one with children (an object) is refused. */
const field = z.string().max(20_000).optional();
const requiredField = z.string().min(1).max(200);
const digits = z.string().regex(/^\d{1,20}$/);

/** Every field WeChat may put in a message or event we handle; others are ignored. */
const wechatMessageSchema = z.object({
  ToUserName: requiredField,
  FromUserName: requiredField,
  CreateTime: digits,
  MsgType: requiredField,
  MsgId: digits.optional(),
  Content: field,
  Recognition: field,
  Format: field,
  MediaId: field,
  PicUrl: field,
  Location_X: field,
  Location_Y: field,
  Scale: field,
  Label: field,
  Event: field,
  EventKey: field,
  Title: field,
  Description: field,
  Url: field,
});

export type WechatMessage = z.infer<typeof wechatMessageSchema>;

/** Parses an XML document whose root is <xml>, refusing anything that is not well formed. */
function parseXmlRoot(xml: string): Record<string, unknown> {
  // WeChat never sends a DTD; refusing one rules out entity-expansion tricks outright.
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new WechatXmlError('XML with a DOCTYPE is not accepted');
  let doc: Record<string, unknown>;
  try {
    // `true` runs the library's validator first, so malformed XML is refused, not guessed at.
    doc = parser.parse(xml, true) as Record<string, unknown>;
  } catch (err) {
    throw new WechatXmlError(`malformed XML: ${err instanceof Error ? err.message : String(err)}`);
  }
  const root = doc.xml;
  if (!root || typeof root !== 'object' || Array.isArray(root)) throw new WechatXmlError('root element <xml> missing');
  return root as Record<string, unknown>;
}

/** The safe-mode envelope: only `Encrypt` matters (ToUserName is repeated in clear). */
export function parseEnvelope(xml: string): { encrypt: string } {
  const root = parseXmlRoot(xml);
  const encrypt = root.Encrypt;
  if (typeof encrypt !== 'string' || encrypt.length === 0) throw new WechatXmlError('<Encrypt> missing');
  return { encrypt };
}

export function parseWechatMessage(xml: string): WechatMessage {
  const root = parseXmlRoot(xml);
  const result = wechatMessageSchema.safeParse(root);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new WechatXmlError(`invalid message: ${issue?.path.join('.') || 'xml'} ${issue?.message ?? ''}`.trim());
  }
  return result.data;
}

/** CDATA that survives any text: a literal "]]>" is split across two sections. */
function cdata(text: string): string {
  return `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

/** A passive text reply (被动回复文本消息) to the user who wrote. */
export function buildTextReply(
  message: Pick<WechatMessage, 'FromUserName' | 'ToUserName'>,
  content: string,
  nowMs: number,
): string {
  return (
    '<xml>' +
    `<ToUserName>${cdata(message.FromUserName)}</ToUserName>` +
    `<FromUserName>${cdata(message.ToUserName)}</FromUserName>` +
    `<CreateTime>${Math.floor(nowMs / 1000)}</CreateTime>` +
    `<MsgType>${cdata('text')}</MsgType>` +
    `<Content>${cdata(content)}</Content>` +
    '</xml>'
  );
}

/** The safe-mode reply envelope around an already encrypted reply. */
export function buildEncryptedReply(encrypt: string, signature: string, timestamp: string, nonce: string): string {
  return (
    '<xml>' +
    `<Encrypt>${cdata(encrypt)}</Encrypt>` +
    `<MsgSignature>${cdata(signature)}</MsgSignature>` +
    `<TimeStamp>${timestamp}</TimeStamp>` +
    `<Nonce>${cdata(nonce)}</Nonce>` +
    '</xml>'
  );
}
