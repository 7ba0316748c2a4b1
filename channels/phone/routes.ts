// POST /channels/phone/calls: transcripts from the 12345 call centre, HMAC-signed.
// Order matters: size, signature (spent by its first use: channels/signed-replay.ts), then parse
// and validate, and only then intake stores anything.
import { Hono } from 'hono';
import { fieldError, HubError, validationError } from '../../tickets/hub-error';
import { intakeMessage } from '../../tickets/intake';
import { setting } from '../../tickets/settings';
import { limitBody } from '../../worker/middleware/body-limit';
import { claimedTimeMessages, claimedTimeProblem } from '../claimed-time';
import { hubSigned, type SignedVariables } from '../signed-replay';
import { phoneCallMaxBytes, phoneCallSchema, phoneCallToInboundMessage } from './phone-call';

export const phoneRoutes = new Hono<{ Bindings: Env; Variables: SignedVariables }>();

const phoneSigned = hubSigned({
  scope: 'hub:phone',
  secretOf: (env) => {
    const secret = setting(env, 'PHONE_WEBHOOK_SECRET');
    if (secret === null) {
      throw new HubError('channel_not_configured', 'the phone channel has no PHONE_WEBHOOK_SECRET');
    }
    return secret;
  },
});

phoneRoutes.post('/calls', limitBody(phoneCallMaxBytes), phoneSigned, async (c) => {
  const raw = c.var.signedBody;
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
  // The call's start is the ticket's time: within the bounds a live call can have.
  const problem = claimedTimeProblem(Date.parse(parsed.data.startedAt), Date.now());
  if (problem) throw fieldError('startedAt', claimedTimeMessages[problem]);
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
