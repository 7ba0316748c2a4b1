// End to end in Node: the real Worker (`wrangler dev` on 127.0.0.1, a random port, a fresh
// local D1 with the migrations applied) and the real bridge on wechaty-puppet-mock. A mock
// resident writes to the bot account and gets the ticket number back; a neighbour @mentions
// the bot in a group chat and is answered there; a later answer from the hub's outbox reaches
// the resident. Everything is bounded: the hub is stopped and the temp folder removed at the end.

import { FileBox } from 'file-box';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mock, PuppetMock } from 'wechaty-puppet-mock';
import { eventually, type HubProcess, startHub } from '../../tests/e2e/hub-process.ts';
import { type Bridge, bridgeTexts, startBridge } from './bridge.ts';

const secret = 'e2e-bridge-secret';

let hub: HubProcess;
let hubUrl = '';
let bridge: Bridge | undefined;
let mocker: mock.Mocker;
let botUser: mock.ContactMock;

const d1 = (sql: string) => hub.d1(sql);

beforeAll(async () => {
  hub = await startHub({ vars: { WECHATY_BRIDGE_SECRET: secret }, seed: false });
  hubUrl = hub.url;
  mocker = new mock.Mocker();
  const puppet = new PuppetMock({ mocker });
  bridge = await startBridge({ hubUrl, secret, puppet, pollIntervalMs: 300, log: () => undefined });
  botUser = mocker.createContact({ name: '12345热线' });
  mocker.scan('mock-qrcode');
  mocker.login(botUser);
  await eventually('the bot to log in', () => (bridge!.bot.isLoggedIn ? true : undefined));
});

afterAll(async () => {
  await bridge?.stop().catch(() => undefined);
  await hub?.stop();
});

/** The mock's emitters are typed through typed-emitter, whose default export NodeNext misreads. */
function onMessage(target: mock.ContactMock | mock.RoomMock, listener: (m: mock.MessageMock) => void): void {
  (target as unknown as NodeJS.EventEmitter).on('message', listener);
}

/** What the bot says to a contact (the mock also reports the contact's own words: skipped). */
function inboxOf(contact: mock.ContactMock): string[] {
  const heard: string[] = [];
  onMessage(contact, (m) => {
    if (m.talker().id !== contact.id) heard.push(m.text() ?? '');
  });
  return heard;
}

async function track(ticketNo: string, code: string) {
  const res = await fetch(`${hubUrl}/api/v1/track/${encodeURIComponent(ticketNo)}?code=${encodeURIComponent(code)}`);
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

describe('Wechaty bridge end to end (wechaty-puppet-mock against wrangler dev)', () => {
  let ticketNo = '';
  let resident: mock.ContactMock;
  let heard: string[];

  it('answers a private message with the number of the ticket it opened', async () => {
    resident = mocker.createContact({ name: '王先生' });
    heard = inboxOf(resident);
    resident.say('幸福路12号小区门口的路灯坏了一个星期，晚上出行很不安全。').to(botUser);
    const answer = await eventually('the ticket number to reach the resident', () =>
      heard.find((t) => t.includes('工单号')),
    );
    const match = /工单号：(\S+?)，查询码：(\S+?)。/.exec(answer);
    expect(match).not.toBeNull();
    ticketNo = match![1]!;
    const view = await track(ticketNo, match![2]!);
    expect(JSON.stringify(view)).toContain(ticketNo);
    expect(answer).toContain(`${hubUrl}/track?no=`);
  });

  it('answers a photo with a hint to write, opening no ticket', async () => {
    const sender = mocker.createContact({ name: '孙先生' });
    const senderHeard = inboxOf(sender);
    // file-box comes with wechaty; a 1×1 PNG is enough for the mock to call it an image.
    const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
    sender.say(FileBox.fromBase64(png, 'photo.png')).to(botUser);
    expect(await eventually('the hint', () => senderHeard.find((t) => t === bridgeTexts.textOnly))).toBeDefined();
    expect(senderHeard.some((t) => t.includes('工单号'))).toBe(false);
  });

  it('answers an @mention in a group chat there, mentioning the neighbour, and ignores the rest', async () => {
    const neighbour = mocker.createContact({ name: '赵女士' });
    const room = mocker.createRoom({ topic: '阳光花园业主群', memberIdList: [botUser.id, resident.id, neighbour.id] });
    const botSaid: { text: string }[] = [];
    onMessage(room, (m) => {
      if (m.talker().id === botUser.id) botSaid.push({ text: m.text() ?? '' });
    });
    neighbour.say('今天天气不错').to(room);
    neighbour.say('@12345热线 3号楼电梯又坏了，老人上下楼很困难', [botUser]).to(room);
    const reply = await eventually('the answer in the group chat', () =>
      botSaid.find((m) => m.text.includes('工单号')),
    );
    // Wechaty writes the mention into the text (the mock drops the separate mention list).
    expect(reply.text.startsWith('@赵女士')).toBe(true);
    expect(reply.text).not.toContain(ticketNo);
    expect(botSaid).toHaveLength(1);
  });

  it('delivers a later answer from the hub outbox to the resident and marks it sent', async () => {
    await d1(
      'INSERT INTO outbox (id, ticket_id, channel, recipient, kind, subject, body, status, attempts, created_at) ' +
        `SELECT 'e2e-reply', t.id, 'wechaty', 'wechaty:${resident.id}', 'reply', NULL, ` +
        `'您反映的路灯已修复，感谢您的监督。', 'pending', 0, 0 FROM tickets t WHERE t.ticket_no = '${ticketNo}'`,
    );
    await eventually('the outbox answer to reach the resident', () => heard.find((t) => t.includes('路灯已修复')));
    // The ack marks it sent: the next poll no longer returns it.
    await eventually('the delivery to be acked', async () => {
      const res = await bridge!.pollOnce();
      return res === 0 && heard.filter((t) => t.includes('路灯已修复')).length === 1 ? true : undefined;
    });
  });
});
