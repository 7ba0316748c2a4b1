// Turns a WeChat message or event into what the hub does with it: a ticket (InboundMessage),
// a fixed answer (the welcome on subscribe, a hint when speech was not recognised), or nothing.
import type { InboundMessageInput } from '../../tickets/inbound-message';
import type { WechatMessage } from './xml';

export type WechatAction =
  | { kind: 'ticket'; message: Omit<InboundMessageInput, 'receivedAt'> & { receivedAt: string } }
  | { kind: 'reply'; text: string }
  | { kind: 'ignore' };

export const wechatTexts = {
  welcome:
    '感谢关注12345政务服务便民热线！\n' +
    '您可以直接在这里反映问题、咨询政策、提出建议：\n' +
    '1. 发送文字或语音，说清楚事情经过、发生地点和时间；\n' +
    '2. 可以补充现场图片，或发送“位置”标明地点；\n' +
    '3. 几分钟内连续发送的多条消息会合并为一个工单。\n' +
    '提交后我们会回复工单号和查询码，凭此可随时查询办理进度。紧急情况请拨打110、119、120。',
  voiceNotRecognised: '抱歉，未能识别您的语音内容，请用文字描述您要反映的问题。',
};

/** WeChat's idempotency key: MsgId for messages; events have none, so sender + CreateTime. */
export function wechatExternalId(message: WechatMessage): string {
  return message.MsgId ?? `${message.FromUserName}:${message.CreateTime}`;
}

function parseCoordinate(value: string | undefined, limit: number): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) && Math.abs(n) <= limit ? n : undefined;
}

/**
 * `receivedAtMs` is the hub's clock, not the message's CreateTime: in plain mode the body is not
 * signed, so CreateTime is whatever the sender wrote (a date in 2019 would land in the ticket and
 * the monthly figures); in safe mode it is WeChat's, seconds from our clock for any message
 * WeChat still delivers, so one rule serves both.
 */
export function wechatAction(message: WechatMessage, receivedAtMs: number): WechatAction {
  const base = {
    channel: 'wechat' as const,
    externalId: wechatExternalId(message),
    receivedAt: new Date(receivedAtMs).toISOString(),
    sender: { openId: message.FromUserName },
  };
  switch (message.MsgType) {
    case 'text': {
      const text = message.Content?.trim();
      return text ? { kind: 'ticket', message: { ...base, text } } : { kind: 'ignore' };
    }
    case 'voice': {
      // Recognition is WeChat's own speech-to-text; empty when the feature is off or it failed.
      const text = message.Recognition?.trim();
      return text
        ? { kind: 'ticket', message: { ...base, text } }
        : { kind: 'reply', text: wechatTexts.voiceNotRecognised };
    }
    case 'image': {
      return {
        kind: 'ticket',
        message: {
          ...base,
          text: '（市民发送了一张现场图片）',
          attachments: [
            {
              name: `${message.MediaId ?? message.MsgId ?? 'image'}.jpg`,
              contentType: 'image/jpeg',
              size: 0,
              ...(message.PicUrl ? { url: message.PicUrl } : {}),
            },
          ],
        },
      };
    }
    case 'location': {
      const lat = parseCoordinate(message.Location_X, 90);
      const lng = parseCoordinate(message.Location_Y, 180);
      const label = message.Label?.trim();
      if (lat === undefined && lng === undefined && !label) return { kind: 'ignore' };
      return {
        kind: 'ticket',
        message: {
          ...base,
          text: label ? `位置：${label}` : `位置：北纬${lat}，东经${lng}`,
          location: {
            ...(label ? { address: label } : {}),
            ...(lat !== undefined ? { lat } : {}),
            ...(lng !== undefined ? { lng } : {}),
          },
        },
      };
    }
    case 'event': {
      if (message.Event?.toLowerCase() === 'subscribe') return { kind: 'reply', text: wechatTexts.welcome };
      return { kind: 'ignore' };
    }
    default:
      return { kind: 'ignore' };
  }
}
