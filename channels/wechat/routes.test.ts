// The WeChat Official Account server URL end to end inside workerd: verification, plain and
// safe mode, every message kind we take, WeChat's resends, the append window, and refusals
// that must leave nothing behind.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { request } from '../../tests/helpers';
import { WechatCipher, wechatSignature } from './crypto';
import { wechatMaxBodyBytes } from './routes';
import { aesKey, appId, freshNonce, inboxCount, nowSeconds, token, wechatTestEnv } from './test-helpers';

const officialAccount = 'gh_12345hotline';
const testEnv = wechatTestEnv({ PUBLIC_BASE_URL: 'https://hub.example.gov.cn' });

let msgSeq = 7_300_000_000_000_000_000n;
const nextMsgId = () => String(msgSeq++);

function messageXml(openId: string, fields: Record<string, string>, msgId?: string, createTime = nowSeconds()): string {
  const body = Object.entries(fields)
    .map(([k, v]) => (/^-?[\d.]+$/.test(v) ? `<${k}>${v}</${k}>` : `<${k}><![CDATA[${v}]]></${k}>`))
    .join('');
  return (
    `<xml><ToUserName><![CDATA[${officialAccount}]]></ToUserName><FromUserName><![CDATA[${openId}]]></FromUserName>` +
    `<CreateTime>${createTime}</CreateTime>${body}${msgId ? `<MsgId>${msgId}</MsgId>` : ''}</xml>`
  );
}

async function postPlain(xml: string, opts: { signature?: string; env?: Env } = {}) {
  const timestamp = nowSeconds();
  const nonce = String(Math.floor(Math.random() * 1e9));
  const signature = opts.signature ?? wechatSignature(token, timestamp, nonce);
  return request(
    `/channels/wechat?signature=${signature}&timestamp=${timestamp}&nonce=${nonce}&openid=x`,
    { method: 'POST', body: xml, headers: { 'content-type': 'text/xml' } },
    opts.env ?? testEnv,
  );
}

function field(xml: string, name: string): string | undefined {
  const m = new RegExp(`<${name}>(?:<!\\[CDATA\\[([\\s\\S]*?)\\]\\]>|([^<]*))</${name}>`).exec(xml);
  return m ? (m[1] ?? m[2]) : undefined;
}

async function count(sql: string, ...binds: unknown[]): Promise<number> {
  const row = await env.DB.prepare(sql)
    .bind(...binds)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

async function ticketsOf(openId: string) {
  const { results } = await env.DB.prepare(
    'SELECT t.ticket_no AS ticketNo, t.query_code AS queryCode, t.text, t.lat, t.lng, ' +
      't.location_address AS address, t.channel ' +
      'FROM tickets t JOIN contacts c ON c.id = t.contact_id WHERE c.open_id = ?1 ORDER BY t.created_at',
  )
    .bind(openId)
    .all<{
      ticketNo: string;
      queryCode: string;
      text: string;
      lat: number | null;
      lng: number | null;
      address: string | null;
      channel: string;
    }>();
  return results;
}

describe('URL verification (GET)', () => {
  it('echoes echostr when the signature is right', async () => {
    const timestamp = nowSeconds();
    const nonce = '2081234';
    const signature = wechatSignature(token, timestamp, nonce);
    const res = await request(
      `/channels/wechat?signature=${signature}&timestamp=${timestamp}&nonce=${nonce}&echostr=7301845203`,
      {},
      testEnv,
    );
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('7301845203');
  });

  it('refuses a wrong signature with a plain-text 401', async () => {
    const res = await request(
      `/channels/wechat?signature=${'0'.repeat(40)}&timestamp=${nowSeconds()}&nonce=1&echostr=7301845203`,
      {},
      testEnv,
    );
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('text/plain');
    expect(await res.text()).toBe('invalid signature');
  });

  it('answers 503 in production when the WeChat secrets are missing', async () => {
    const res = await request(
      `/channels/wechat?signature=x&timestamp=1&nonce=1&echostr=1`,
      {},
      { ...env, HUB_ENV: 'production' },
    );
    expect(res.status).toBe(503);
    expect(await res.text()).toBe('WeChat channel is not configured');
  });
});

describe('plain mode messages', () => {
  it('turns a text message into a ticket and replies with its number and tracking link', async () => {
    const openId = 'oPlainText0001';
    const text = '幸福路12号小区门口的路灯坏了一个星期，晚上很黑，请尽快修理。';
    const res = await postPlain(messageXml(openId, { MsgType: 'text', Content: text }, nextMsgId()));
    expect(res.status).toBe(200);
    const xml = await res.text();
    const [ticket] = await ticketsOf(openId);
    expect(ticket).toBeDefined();
    expect(ticket!.text).toBe(text);
    expect(ticket!.channel).toBe('wechat');
    expect(field(xml, 'ToUserName')).toBe(openId);
    expect(field(xml, 'FromUserName')).toBe(officialAccount);
    expect(field(xml, 'MsgType')).toBe('text');
    const content = field(xml, 'Content')!;
    expect(content).toContain(`工单号：${ticket!.ticketNo}`);
    expect(content).toContain(`查询码：${ticket!.queryCode}`);
    expect(content).toContain(
      `https://hub.example.gov.cn/track?no=${encodeURIComponent(ticket!.ticketNo)}&code=${ticket!.queryCode}`,
    );
  });

  it.each([
    [
      'a voice message, through WeChat speech recognition',
      'oVoice0001',
      { MsgType: 'voice', MediaId: 'media-voice-1', Format: 'amr', Recognition: '我要投诉建设路夜间施工噪音扰民' },
      '我要投诉建设路夜间施工噪音扰民',
    ],
    [
      'an image message, noting that a picture was sent',
      'oImage0001',
      { MsgType: 'image', PicUrl: 'http://mmbiz.qpic.cn/mmbiz/abc/0', MediaId: 'media-image-1' },
      '（市民发送了一张现场图片）',
    ],
  ])('takes %s as a ticket and replies with its number', async (_, openId, fields, text) => {
    const res = await postPlain(messageXml(openId, fields, nextMsgId()));
    const [ticket] = await ticketsOf(openId);
    expect(ticket!.text).toBe(text);
    expect(field(await res.text(), 'Content')).toContain(ticket!.ticketNo);
  });

  it('asks for text when a voice message was not recognised, and opens no ticket', async () => {
    const openId = 'oVoice0002';
    const before = await inboxCount();
    const res = await postPlain(
      messageXml(openId, { MsgType: 'voice', MediaId: 'media-voice-2', Format: 'amr' }, nextMsgId()),
    );
    expect(field(await res.text(), 'Content')).toBe('抱歉，未能识别您的语音内容，请用文字描述您要反映的问题。');
    expect(await ticketsOf(openId)).toHaveLength(0);
    expect(await inboxCount()).toBe(before);
  });

  it('takes a location message with its coordinates and label', async () => {
    const openId = 'oLocation0001';
    await postPlain(
      messageXml(
        openId,
        {
          MsgType: 'location',
          Location_X: '30.274084',
          Location_Y: '120.155070',
          Scale: '15',
          Label: '浙江省杭州市西湖区文三路',
        },
        nextMsgId(),
      ),
    );
    const [ticket] = await ticketsOf(openId);
    expect(ticket!.lat).toBeCloseTo(30.274084, 6);
    expect(ticket!.lng).toBeCloseTo(120.15507, 6);
    expect(ticket!.address).toBe('浙江省杭州市西湖区文三路');
    expect(ticket!.text).toBe('位置：浙江省杭州市西湖区文三路');
  });

  it('welcomes a new follower in Chinese and opens no ticket', async () => {
    const openId = 'oSubscribe0001';
    const before = await inboxCount();
    const res = await postPlain(messageXml(openId, { MsgType: 'event', Event: 'subscribe' }));
    // Line by line, so a changed line shows by itself; together the lines are the whole text.
    expect(field(await res.text(), 'Content')!.split('\n')).toEqual([
      '感谢关注12345政务服务便民热线！',
      '您可以直接在这里反映问题、咨询政策、提出建议：',
      '1. 发送文字或语音，说清楚事情经过、发生地点和时间；',
      '2. 可以补充现场图片，或发送“位置”标明地点；',
      '3. 几分钟内连续发送的多条消息会合并为一个工单。',
      '提交后我们会回复工单号和查询码，凭此可随时查询办理进度。紧急情况请拨打110、119、120。',
    ]);
    expect(await ticketsOf(openId)).toHaveLength(0);
    expect(await inboxCount()).toBe(before);
  });

  it('answers `success` to a message kind it cannot take, storing nothing', async () => {
    const before = await inboxCount();
    const res = await postPlain(
      messageXml('oVideo0001', { MsgType: 'video', MediaId: 'm', ThumbMediaId: 't' }, nextMsgId()),
    );
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('success');
    expect(await inboxCount()).toBe(before);
  });
});

describe("WeChat's resends and the append window", () => {
  it('gives three resends of one MsgId one ticket and the same ticket number', async () => {
    const openId = 'oResend0001';
    const xml = messageXml(
      openId,
      { MsgType: 'text', Content: '公交12路末班车提前发车，能否按时刻表运行？' },
      nextMsgId(),
    );
    const replies: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await postPlain(xml);
      expect(res.status).toBe(200);
      replies.push(field(await res.text(), 'Content')!);
    }
    const tickets = await ticketsOf(openId);
    expect(tickets).toHaveLength(1);
    for (const reply of replies) expect(reply).toBe(replies[0]);
    expect(replies[0]).toContain(tickets[0]!.ticketNo);
    expect(await count("SELECT count(*) AS n FROM inbox WHERE channel = 'wechat' AND raw LIKE ?1", `%${openId}%`)).toBe(
      1,
    );
  });

  it('joins two messages from one user within the window into one ticket', async () => {
    const openId = 'oAppend0001';
    const first = await postPlain(
      messageXml(openId, { MsgType: 'text', Content: '东湖社区垃圾站三天没有清运了' }, nextMsgId()),
    );
    const second = await postPlain(
      messageXml(openId, { MsgType: 'text', Content: '味道很大，楼下居民都受不了' }, nextMsgId()),
    );
    const tickets = await ticketsOf(openId);
    expect(tickets).toHaveLength(1);
    expect(field(await first.text(), 'Content')).toContain(tickets[0]!.ticketNo);
    const appended = field(await second.text(), 'Content')!;
    expect(appended).toContain(`并入工单 ${tickets[0]!.ticketNo}`);
    expect(
      await count(
        'SELECT count(*) AS n FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id ' +
          "WHERE t.ticket_no = ?1 AND e.action = 'append'",
        tickets[0]!.ticketNo,
      ),
    ).toBe(1);
  });

  it('opens separate tickets when the append window setting is 0', async () => {
    const openId = 'oAppend0002';
    const noWindow = { ...testEnv, WECHAT_APPEND_WINDOW_MINUTES: '0' };
    await postPlain(messageXml(openId, { MsgType: 'text', Content: '人民路井盖松动' }, nextMsgId()), { env: noWindow });
    await postPlain(messageXml(openId, { MsgType: 'text', Content: '另外，公园的健身器材坏了' }, nextMsgId()), {
      env: noWindow,
    });
    expect(await ticketsOf(openId)).toHaveLength(2);
  });
});

describe('safe mode (AES)', () => {
  async function postSafe(innerXml: string, tamper?: 'signature' | 'appid', nonce = freshNonce()) {
    const cipher = WechatCipher.create(aesKey, tamper === 'appid' ? 'wx0000000000000000' : appId);
    const encrypt = cipher.encrypt(innerXml);
    const timestamp = nowSeconds();
    const msgSignature = tamper === 'signature' ? 'f'.repeat(40) : wechatSignature(token, timestamp, nonce, encrypt);
    const signature = wechatSignature(token, timestamp, nonce);
    const envelope =
      `<xml><ToUserName><![CDATA[${officialAccount}]]></ToUserName>` +
      `<Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`;
    return request(
      `/channels/wechat?signature=${signature}&timestamp=${timestamp}&nonce=${nonce}` +
        `&openid=x&encrypt_type=aes&msg_signature=${msgSignature}`,
      { method: 'POST', body: envelope },
      testEnv,
    );
  }

  it('decrypts the request and answers with an encrypted, signed reply', async () => {
    const openId = 'oSafe0001';
    const nonce = freshNonce();
    const res = await postSafe(
      messageXml(openId, { MsgType: 'text', Content: '解放大道与中山路口信号灯故障' }, nextMsgId()),
      undefined,
      nonce,
    );
    expect(res.status).toBe(200);
    const envelope = await res.text();
    const encrypt = field(envelope, 'Encrypt')!;
    const timestamp = field(envelope, 'TimeStamp')!;
    expect(field(envelope, 'Nonce')).toBe(nonce);
    expect(field(envelope, 'MsgSignature')).toBe(wechatSignature(token, timestamp, nonce, encrypt));
    expect(envelope).not.toContain('工单号');
    const reply = WechatCipher.create(aesKey, appId).decrypt(encrypt);
    const [ticket] = await ticketsOf(openId);
    expect(field(reply, 'ToUserName')).toBe(openId);
    expect(field(reply, 'Content')).toContain(`工单号：${ticket!.ticketNo}`);
    expect(field(reply, 'Content')).toContain('/track?no=');
  });

  it('refuses a wrong msg_signature and stores nothing', async () => {
    const before = await inboxCount();
    const res = await postSafe(messageXml('oSafe0002', { MsgType: 'text', Content: '测试' }, nextMsgId()), 'signature');
    expect(res.status).toBe(401);
    expect(await inboxCount()).toBe(before);
  });

  it('refuses a message encrypted for another appid and stores nothing', async () => {
    const before = await inboxCount();
    const res = await postSafe(messageXml('oSafe0003', { MsgType: 'text', Content: '测试' }, nextMsgId()), 'appid');
    expect(res.status).toBe(400);
    expect(await inboxCount()).toBe(before);
  });
});

describe('refused requests leave nothing behind', () => {
  it('refuses a bad signature with 401 and stores nothing', async () => {
    const before = await inboxCount();
    const res = await postPlain(messageXml('oBadSig0001', { MsgType: 'text', Content: '伪造的消息' }, nextMsgId()), {
      signature: 'a'.repeat(40),
    });
    expect(res.status).toBe(401);
    expect(await res.text()).toBe('invalid signature');
    expect(await inboxCount()).toBe(before);
    expect(await ticketsOf('oBadSig0001')).toHaveLength(0);
  });

  it('answers malformed XML with a clear 400 and stores nothing', async () => {
    const before = await inboxCount();
    const res = await postPlain('<xml><ToUserName><![CDATA[gh]]></ToUserName><Content>未闭合</xml>');
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/malformed XML/);
    const missing = await postPlain('<xml><MsgType><![CDATA[text]]></MsgType></xml>');
    expect(missing.status).toBe(400);
    expect(await missing.text()).toMatch(/invalid message/);
    const dtd = await postPlain('<!DOCTYPE xml [<!ENTITY a "b">]><xml><Content>&a;</Content></xml>');
    expect(dtd.status).toBe(400);
    expect(await inboxCount()).toBe(before);
  });

  it('answers an oversized body with 413 and stores nothing', async () => {
    const before = await inboxCount();
    const big = messageXml(
      'oBig0001',
      { MsgType: 'text', Content: '长'.repeat(wechatMaxBodyBytes / 3 + 10) },
      nextMsgId(),
    );
    const res = await postPlain(big);
    expect(res.status).toBe(413);
    expect(await res.text()).toContain(String(wechatMaxBodyBytes));
    expect(await inboxCount()).toBe(before);
  });
});
