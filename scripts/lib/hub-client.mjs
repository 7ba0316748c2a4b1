// Node-side helpers for talking to a running hub: the partner-webhook signature (the same
// scheme as channels/hub-signature.ts, HMAC-SHA256 over `timestamp + "." + body`).
import { createHmac } from 'node:crypto';

export function signHubHeaders(secret, body, nowMs = Date.now()) {
  const timestamp = String(Math.floor(nowMs / 1000));
  const hex = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return { 'X-Hub-Timestamp': timestamp, 'X-Hub-Signature': `sha256=${hex}` };
}
