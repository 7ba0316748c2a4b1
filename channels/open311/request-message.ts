// A GeoReport v2 POST requests form as the InboundMessage intake takes, or the 400/404 Open311
// answers. Shared by the route and by the cron's retry of a request whose intake failed
// (channels/inbox-readers.ts), which reads the stored form back the same way.
import type { z } from 'zod';
import { localDate } from '../../routing/calendar';
import { digestHex } from '../../tickets/hex';
import { inboundMessageSchema } from '../../tickets/inbound-message';
import { type Open311Service, open311ServiceByCode } from './services';

const maxDescription = 4000;

type Refusal = { ok: false; status: 400 | 404; description: string };
type Built = {
  ok: true;
  candidate: z.ZodSafeParseSuccess<z.output<typeof inboundMessageSchema>>;
  externalId: string;
};

const refuse = (status: 400 | 404, description: string): Refusal => ({ ok: false, status, description });

type Place = { address?: string; lat?: number; lng?: number };

function readPlace(form: URLSearchParams): Place | Refusal {
  const latRaw = form.get('lat')?.trim();
  const lngRaw = form.get('long')?.trim();
  const address = form.get('address_string')?.trim() || undefined;
  let lat: number | undefined;
  let lng: number | undefined;
  if (latRaw || lngRaw) {
    lat = Number(latRaw);
    lng = Number(lngRaw);
    if (
      !latRaw ||
      !lngRaw ||
      !Number.isFinite(lat) ||
      !Number.isFinite(lng) ||
      Math.abs(lat) > 90 ||
      Math.abs(lng) > 180
    ) {
      return refuse(400, 'lat and long must both be given as WGS84 decimal degrees');
    }
  }
  if (lat === undefined && !address) return refuse(400, 'lat and long, or address_string, is required');
  if (address && address.length > 300) return refuse(400, 'address_string is longer than 300 characters');
  return { ...(address ? { address } : {}), ...(lat !== undefined ? { lat, lng } : {}) };
}

/** Attributes: attribute[code]=value; list values must be one of the service's keys. */
function readAttributes(form: URLSearchParams, service: Open311Service): string[] | Refusal {
  const lines: string[] = [];
  for (const attr of service.attributes) {
    const values = [...form.getAll(`attribute[${attr.code}]`), ...form.getAll(`attribute[${attr.code}][]`)]
      .map((v) => v.trim())
      .filter(Boolean);
    if (values.length === 0) {
      if (attr.required) return refuse(400, `attribute[${attr.code}] (${attr.description}) is required`);
      continue;
    }
    if (attr.values) {
      const names = values.map((v) => attr.values!.find((opt) => opt.key === v)?.name);
      if (names.some((n) => n === undefined)) {
        return refuse(400, `attribute[${attr.code}] must be one of ${attr.values.map((v) => v.key).join(', ')}`);
      }
      lines.push(`${attr.description}：${names.join('、')}`);
    } else {
      lines.push(`${attr.description}：${values.join('、').slice(0, 200)}`);
    }
  }
  return lines;
}

function schemaRefusal(error: z.ZodError): Refusal {
  const issue = error.issues[0];
  const field = issue?.path.join('.') ?? '';
  const what = field.startsWith('sender.email')
    ? 'email is not a valid address'
    : field.startsWith('sender')
      ? `${field.replace('sender.', '')} is not valid`
      : `${field}: ${issue?.message}`;
  return refuse(400, what);
}

export function open311RequestMessage(form: URLSearchParams, apiKey: string | null, now: number): Built | Refusal {
  const serviceCode = form.get('service_code')?.trim();
  if (!serviceCode) return refuse(400, 'service_code is required');
  const service = open311ServiceByCode.get(serviceCode);
  if (!service) return refuse(404, `service_code not found: ${serviceCode}`);
  const place = readPlace(form);
  if ('ok' in place) return place;
  const description = form.get('description')?.trim() ?? '';
  if (description.length > maxDescription) {
    return refuse(400, `description is longer than ${maxDescription} characters`);
  }
  const attributeLines = readAttributes(form, service);
  if (!Array.isArray(attributeLines)) return attributeLines;
  const text = [description, ...attributeLines].filter(Boolean).join('\n') || service.name;

  const email = form.get('email')?.trim() || undefined;
  const phone = form.get('phone')?.trim() || undefined;
  const name = [form.get('last_name')?.trim(), form.get('first_name')?.trim()].filter(Boolean).join('') || undefined;
  const mediaUrl = form.get('media_url')?.trim();
  if (mediaUrl && !/^https?:\/\/\S{1,1990}$/i.test(mediaUrl)) return refuse(400, 'media_url must be an http(s) URL');

  // GeoReport has no client request id: a retried identical POST (same key, same fields, same
  // day) is the same request; the hash doubles as the token.
  const sorted = [...form.entries()].filter(([k]) => k !== 'api_key').sort(([a], [b]) => a.localeCompare(b));
  const externalId = `o311-${digestHex('sha256', JSON.stringify([apiKey, localDate(now), sorted])).slice(0, 40)}`;

  const candidate = inboundMessageSchema.safeParse({
    channel: 'open311',
    externalId,
    receivedAt: new Date(now).toISOString(),
    sender: { ...(name ? { name } : {}), ...(phone ? { phone } : {}), ...(email ? { email } : {}) },
    title: service.name,
    text,
    location: place,
    ...(mediaUrl
      ? { attachments: [{ name: 'media', contentType: 'application/octet-stream', size: 0, url: mediaUrl }] }
      : {}),
    // Publication needs the resident's word: GeoReport has no field for it, so clients that ask
    // their users send the extension parameter consent_to_publish=true; without it, private.
    consentToPublish: /^(true|1|yes)$/i.test(form.get('consent_to_publish')?.trim() ?? ''),
    hints: { category: service.routingCategory },
  });
  if (!candidate.success) return schemaRefusal(candidate.error);
  return { ok: true, candidate, externalId };
}
