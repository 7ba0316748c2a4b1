import { describe, expect, it } from 'vitest';
import { callerText, phoneCallSchema, phoneCallToInboundMessage, stripAsrNoise } from './phone-call';
import { phoneCall } from './test-calls';

const call = phoneCall('C-20260504-0931-0007', {
  startedAt: '2026-05-04T09:31:00+08:00',
  urgency: 'normal',
  consentToPublish: true,
});

describe('phone call to InboundMessage', () => {
  it('strips bracketed ASR noise tokens but keeps real words', () => {
    expect(stripAsrNoise('喂[噪音]你好<unk>，(静音)我要【杂音】反映')).toBe('喂你好，我要反映');
    expect(stripAsrNoise('第[3]栋（东门）')).toBe('第[3]栋（东门）');
  });

  it('keeps only the caller’s words, in order, each closed with Chinese punctuation', () => {
    const parsed = phoneCallSchema.parse(call);
    const shuffled = [...parsed.transcript].reverse();
    expect(callerText(shuffled)).toBe(
      '喂你好，我要反映一下我们小区门口的路灯。已经坏了一个多星期了。就在滨江区长河街道江南春堤小区东门！',
    );
  });

  it('builds the message: summary as title, caller number as sender, hints, full body as raw', () => {
    const raw = JSON.stringify(call);
    const result = phoneCallToInboundMessage(phoneCallSchema.parse(call), raw);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.message).toEqual({
      channel: 'phone',
      externalId: 'C-20260504-0931-0007',
      receivedAt: '2026-05-04T01:31:00.000Z',
      sender: { phone: '13800138000' },
      title: '长河街道江南春堤小区东门路灯损坏',
      text: '喂你好，我要反映一下我们小区门口的路灯。已经坏了一个多星期了。就在滨江区长河街道江南春堤小区东门！',
      location: { address: '滨江区长河街道江南春堤小区东门' },
      consentToPublish: true,
      hints: { type: '求助', urgency: 'normal' },
      raw,
    });
  });

  it('passes a direct answer given on the call as a hint', () => {
    const consult = { ...call, type: '咨询', directAnswer: '社保卡补办可在市民中心一楼办理，带身份证即可。' };
    const result = phoneCallToInboundMessage(phoneCallSchema.parse(consult), '{}');
    expect(result.ok && result.message.hints).toEqual({
      type: '咨询',
      urgency: 'normal',
      directAnswer: '社保卡补办可在市民中心一楼办理，带身份证即可。',
    });
  });

  it('falls back to the summary when the caller said nothing transcribable, refuses when neither exists', () => {
    const silent = { ...call, transcript: [{ speaker: 'caller', text: '[噪音]<unk>', startMs: 0 }] };
    const r1 = phoneCallToInboundMessage(phoneCallSchema.parse(silent), '{}');
    expect(r1.ok && r1.message.text).toBe('长河街道江南春堤小区东门路灯损坏');
    const { summary: _summary, ...noSummary } = silent;
    const r2 = phoneCallToInboundMessage(phoneCallSchema.parse(noSummary), '{}');
    expect(r2).toEqual({
      ok: false,
      field: 'transcript',
      message: 'the transcript has no caller speech and there is no summary',
    });
  });

  it('names the field in validation errors', () => {
    const bad = phoneCallSchema.safeParse({
      ...call,
      startedAt: '昨天上午',
      transcript: [{ speaker: 'robot', text: 'x', startMs: 0 }],
    });
    expect(bad.success).toBe(false);
    const fields = bad.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(fields).toContain(
      'startedAt: startedAt must be an ISO 8601 date-time with offset, e.g. 2026-05-04T09:30:00+08:00',
    );
    expect(fields).toContain("transcript.0.speaker: speaker must be 'agent' or 'caller'");
  });
});
