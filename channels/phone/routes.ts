// POST /channels/phone/calls: transcripts from the 12345 call centre, HMAC-signed.
// Order matters: size, signature, then parse and validate, and only then intake stores anything.
import { Hono } from 'hono';
import { HubError, validationError } from '../../tickets/hub-error';
import { intakeMessage } from '../../tickets/intake';
import { setting } from '../../tickets/settings';
import { limitBody } from '../../worker/middleware/body-limit';
import { hubSignatureHeader, hubTimestampHeader, verifyHubSignature } from '../hub-signature';
import { phoneCallMaxBytes, phoneCallSchema, phoneCallToInboundMessage } from './phone-call';

export const phoneRoutes = new Hono<{ Bindings: Env }>();

phoneRoutes.post('/calls', limitBody(phoneCallMaxBytes), async (c) => {
  const secret = setting(c.env, 'PHONE_WEBHOOK_SECRET');
  if (secret === null) {
    throw new HubError('channel_not_configured', 'the phone channel has no PHONE_WEBHOOK_SECRET');
  }
  const raw = await c.req.text();
  const check = await verifyHubSignature(
    secret,
    c.req.header(hubTimestampHeader),
    raw,
    c.req.header(hubSignatureHeader),
  );
  if (!check.ok) throw new HubError(`signature_${check.reason}`, check.message);

  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    throw new HubError('malformed_json', 'the body is not valid JSON');
  }
  const parsed = phoneCallSchema.safeParse(body);
  if (!parsed.success) {
    throw validationError(parsed.error, 'the call does not match the call-centre contract');
  }
  const converted = phoneCallToInboundMessage(parsed.data, raw);
  if (!converted.ok) {
    throw new HubError('validation_failed', converted.message, [{ path: converted.field, message: converted.message }]);
  }
  const result = await intakeMessage(c.env, converted.message);
  return c.json(
    { ticketNo: result.ticketNo, queryCode: result.queryCode, status: result.status, duplicate: result.duplicate },
    result.duplicate ? 200 : 201,
  );
});
