// Outbound SMS through the operator's gateway: the hub POSTs JSON `{ to, text }` to
// SMS_WEBHOOK_URL, signed like the partner webhooks (X-Hub-Timestamp / X-Hub-Signature with
// SMS_WEBHOOK_SECRET) so the gateway can tell the hub from anyone else on the internet.
// Phone tickets' acknowledgements and replies go this way, to the calling number.
import { type OutboxRow, PermanentDeliveryError } from '../../tickets/outbox';
import { isProduction, setting } from '../../tickets/settings';
import { signHubRequest } from '../hub-signature';

let warnedNoGateway = false;

type Fetch = (input: string, init: RequestInit) => Promise<Response>;

export function createSmsSender(fetchImpl: Fetch = (input, init) => fetch(input, init)) {
  return async function sendSms(env: Env, delivery: OutboxRow): Promise<void> {
    const url = env.SMS_WEBHOOK_URL?.trim();
    if (!url) {
      // Without a gateway a development hub shows what it would have sent; production retries
      // until someone configures it, so no message is silently lost.
      if (isProduction(env)) throw new Error('SMS_WEBHOOK_URL is not set');
      // Once per isolate: a line per message costs the local dev server more than the intake
      // itself. The outbox table keeps every message that would have gone out.
      if (!warnedNoGateway)
        console.info('[sms] SMS_WEBHOOK_URL is not set: SMS messages are not sent (they stay in the outbox table)');
      warnedNoGateway = true;
      return;
    }
    const secret = setting(env, 'SMS_WEBHOOK_SECRET');
    if (secret === null) throw new Error('SMS_WEBHOOK_SECRET is not set');
    const body = JSON.stringify({ to: delivery.recipient, text: delivery.body });
    const signed = await signHubRequest(secret, body);
    const res = await fetchImpl(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', ...signed.headers },
      body,
    });
    if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) {
      // The gateway refused this message itself (bad number, bad request): retrying cannot help.
      throw new PermanentDeliveryError(
        `SMS gateway refused the message (${res.status}): ${(await res.text()).slice(0, 200)}`,
      );
    }
    if (!res.ok) {
      // Throwing leaves the row pending for a later delivery run.
      throw new Error(`SMS gateway answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
    }
  };
}

export const sendSms = createSmsSender();
