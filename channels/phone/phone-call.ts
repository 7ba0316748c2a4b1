// A call from the 12345 call centre's ASR system, validated and turned into an InboundMessage.
// The ticket is about what the caller said: the caller's segments, ASR noise tokens removed,
// become the text; the agent's summary becomes the title; the whole transcript stays in `raw`.
// Filler words and entity extraction are routing's job (normalisePhoneTranscript), not ours.
import { z } from 'zod';
import { type InboundMessage, ticketTypes, urgencies } from '../../tickets/inbound-message';

/** Largest call body accepted: a long call's transcript is tens of KB; anything near this is not a call. */
export const phoneCallMaxBytes = 512 * 1024;

const maxTicketText = 20_000;

const segmentSchema = z.object({
  speaker: z.enum(['agent', 'caller'], { error: "speaker must be 'agent' or 'caller'" }),
  text: z.string({ error: 'text must be a string' }).max(10_000, { error: 'text is longer than 10000 characters' }),
  startMs: z
    .number({ error: 'startMs must be a number (milliseconds from the call start)' })
    .int({ error: 'startMs must be an integer' })
    .nonnegative({ error: 'startMs must not be negative' }),
});

const locationSchema = z.union([
  z.string().trim().max(300, { error: 'location is longer than 300 characters' }),
  z.object({
    address: z.string().trim().max(300).optional(),
    lat: z.number().min(-90).max(90).optional(),
    lng: z.number().min(-180).max(180).optional(),
  }),
]);

export const phoneCallSchema = z.object({
  callId: z
    .string({ error: 'callId is required (the call centre’s call id)' })
    .trim()
    .min(1, { error: 'callId must not be empty' })
    .max(200, { error: 'callId is longer than 200 characters' }),
  caller: z
    .string({ error: 'caller is required (the calling number)' })
    .trim()
    .regex(/^\+?[0-9][0-9\- ]{2,29}$/, { error: 'caller must be a phone number (digits, optional + and -)' }),
  called: z.string({ error: 'called is required (the number dialled, e.g. 12345)' }).trim().min(1).max(30),
  startedAt: z.iso.datetime({
    offset: true,
    error: 'startedAt must be an ISO 8601 date-time with offset, e.g. 2026-05-04T09:30:00+08:00',
  }),
  durationS: z
    .number({ error: 'durationS is required (call length in seconds)' })
    .nonnegative({ error: 'durationS must not be negative' })
    .max(24 * 3600, { error: 'durationS is longer than a day' }),
  agentId: z.string({ error: 'agentId is required' }).trim().min(1, { error: 'agentId must not be empty' }).max(100),
  transcript: z
    .array(segmentSchema, { error: 'transcript must be an array of { speaker, text, startMs }' })
    .min(1, { error: 'transcript must have at least one segment' })
    .max(5000, { error: 'transcript has more than 5000 segments' }),
  summary: z.string().trim().max(200, { error: 'summary is longer than 200 characters' }).optional(),
  type: z.enum(ticketTypes, { error: `type must be one of ${ticketTypes.join(' ')}` }).optional(),
  category: z.string().trim().max(50, { error: 'category is longer than 50 characters' }).optional(),
  urgency: z.enum(urgencies, { error: `urgency must be one of ${urgencies.join(', ')}` }).optional(),
  location: locationSchema.optional(),
  consentToPublish: z.boolean({ error: 'consentToPublish must be true or false' }).optional(),
  directAnswer: z.string().trim().max(5000, { error: 'directAnswer is longer than 5000 characters' }).optional(),
});

export type PhoneCall = z.output<typeof phoneCallSchema>;

// Tokens ASR engines put in for what they did not transcribe; bracketed in any of the usual forms.
const noiseWords =
  '噪音|杂音|静音|笑声|咳嗽|音乐|背景音|背景声|听不清|无法识别|哭声|掌声|呼吸声|noise|silence|laughter|music|inaudible|unk|sil|spn|nsn';
const noisePattern = new RegExp(
  `\\[(?:${noiseWords})\\]|<(?:${noiseWords})>|\\((?:${noiseWords})\\)|（(?:${noiseWords})）|【(?:${noiseWords})】`,
  'gi',
);

export function stripAsrNoise(text: string): string {
  return text.replace(noisePattern, '').replace(/\s+/g, ' ').trim();
}

const endsWithPunctuation = /[。！？；，、…!?;,.~～]$/;

/** The caller's own words, in order, joined with Chinese punctuation so sentences stay apart. */
export function callerText(transcript: PhoneCall['transcript']): string {
  return [...transcript]
    .sort((a, b) => a.startMs - b.startMs)
    .filter((s) => s.speaker === 'caller')
    .map((s) => stripAsrNoise(s.text))
    .filter((t) => t !== '')
    .map((t) => (endsWithPunctuation.test(t) ? t : `${t}。`))
    .join('');
}

export type PhoneCallConversion = { ok: true; message: InboundMessage } | { ok: false; field: string; message: string };

export function phoneCallToInboundMessage(call: PhoneCall, raw: string): PhoneCallConversion {
  let text = callerText(call.transcript);
  if (text === '') text = call.summary ?? '';
  if (text === '') {
    return { ok: false, field: 'transcript', message: 'the transcript has no caller speech and there is no summary' };
  }
  // The ticket text has a ceiling; the full call is in `raw`, so a very long call loses nothing.
  if (text.length > maxTicketText) text = `${text.slice(0, maxTicketText - 1)}…`;
  const location =
    typeof call.location === 'string'
      ? call.location
        ? { address: call.location }
        : undefined
      : call.location && Object.keys(call.location).length > 0
        ? call.location
        : undefined;
  const hints = {
    ...(call.type ? { type: call.type } : {}),
    ...(call.category ? { category: call.category } : {}),
    ...(call.urgency ? { urgency: call.urgency } : {}),
    ...(call.directAnswer ? { directAnswer: call.directAnswer } : {}),
  };
  return {
    ok: true,
    message: {
      channel: 'phone',
      externalId: call.callId,
      receivedAt: new Date(call.startedAt).toISOString(),
      sender: { phone: call.caller.replace(/[\s-]/g, '') },
      ...(call.summary ? { title: call.summary } : {}),
      text,
      ...(location ? { location } : {}),
      consentToPublish: call.consentToPublish ?? false,
      ...(Object.keys(hints).length > 0 ? { hints } : {}),
      raw,
    },
  };
}
