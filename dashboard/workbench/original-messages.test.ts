// Reading the resident's own message back from each channel's raw text, and never trusting it.
import { describe, expect, it } from 'vitest';
import { type InboxRow, originalMessage } from './original-messages';

const row = (channel: string, raw: string): InboxRow => ({
  id: 'i1',
  channel,
  externalId: 'e1',
  receivedAt: 0,
  storedAt: 0,
  raw,
  status: 'processed',
  error: null,
  ticketId: 't1',
});

describe('originalMessage', () => {
  it('gives a call’s transcript by speaker, with the agent’s summary as title', async () => {
    const call = {
      callId: 'c1',
      caller: '13800138000',
      durationS: 95,
      summary: '反映路灯损坏',
      transcript: [
        { speaker: 'agent', text: '您好，12345。', startMs: 0 },
        { speaker: 'caller', text: '我家楼下路灯坏了。', startMs: 1500 },
      ],
    };
    const m = await originalMessage(row('phone', JSON.stringify(call)));
    expect(m.title).toBe('反映路灯损坏');
    expect(m.transcript).toEqual([
      { speaker: 'agent', text: '您好，12345。' },
      { speaker: 'caller', text: '我家楼下路灯坏了。' },
    ]);
    expect(m.facts).toContainEqual(['通话时长', '95 秒']);
  });

  it('reads a WeChat message’s text from its XML, entities decoded, markup left as text', async () => {
    const xml =
      '<xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[o1]]></FromUserName>' +
      '<CreateTime>1</CreateTime><MsgType><![CDATA[text]]></MsgType>' +
      '<Content><![CDATA[<b>路面</b>塌陷 &amp; 积水]]></Content><MsgId>1</MsgId></xml>';
    const m = await originalMessage(row('wechat', xml));
    expect(m.text).toBe('<b>路面</b>塌陷 &amp; 积水');
    expect(m.channelLabel).toBe('政务微信公众号');
  });

  it('reads the mailbox form’s fields, urlencoded or multipart', async () => {
    const form = new URLSearchParams({ title: '噪音扰民', content: '工地夜间施工。', location: 'A3区学士街道' });
    const plain = await originalMessage(row('mailbox', form.toString()));
    expect([plain.title, plain.text]).toEqual(['噪音扰民', '工地夜间施工。']);
    expect(plain.facts).toContainEqual(['发生地点', 'A3区学士街道']);
    const multipart =
      '--XyZ\r\nContent-Disposition: form-data; name="title"\r\n\r\n噪音扰民\r\n' +
      '--XyZ\r\nContent-Disposition: form-data; name="content"\r\n\r\n工地夜间施工。\r\n--XyZ--\r\n';
    const parsed = await originalMessage(row('mailbox', multipart));
    expect([parsed.title, parsed.text]).toEqual(['噪音扰民', '工地夜间施工。']);
  });

  it('reads an e-mail’s subject, text and attachments', async () => {
    const mime = [
      'From: resident@example.com',
      'Subject: =?UTF-8?B?5Zmq6Z+z?=',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      '',
      '夜里施工很吵。',
      '--b1',
      'Content-Type: image/jpeg; name="photo.jpg"',
      'Content-Disposition: attachment; filename="photo.jpg"',
      'Content-Transfer-Encoding: base64',
      '',
      'AAECAw==',
      '--b1--',
      '',
    ].join('\r\n');
    const m = await originalMessage(row('email', mime));
    expect(m.title).toBe('噪音');
    expect(m.text.trim()).toBe('夜里施工很吵。');
    expect(m.attachments).toEqual([{ name: 'photo.jpg', contentType: 'image/jpeg', size: 4, url: null }]);
  });

  it('shows what does not parse as the raw text itself', async () => {
    expect((await originalMessage(row('phone', 'not json <x>'))).text).toBe('not json <x>');
    expect((await originalMessage(row('wechat', '<!DOCTYPE x [<!ENTITY a "b">]><xml/>'))).text).toContain('DOCTYPE');
  });
});
