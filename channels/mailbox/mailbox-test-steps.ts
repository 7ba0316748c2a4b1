// Test steps for the mailbox: a nonce as a browser gets one (from the form the hub renders), and
// the letter's externalId that nonce becomes.
import { request } from '../../tests/helpers';

export const mailboxUrl = 'http://hub.test/mailbox';

/** The nonce of a freshly rendered form. */
export async function formNonce(): Promise<string> {
  const html = await (await request(mailboxUrl)).text();
  const nonce = /name="nonce" value="([^"]+)"/.exec(html)?.[1];
  if (!nonce) throw new Error('the mailbox form has no nonce');
  return nonce;
}

/** The random part of a nonce: the letter is stored as `form-<this>`. */
export const formId = (nonce: string) => nonce.split('.')[1] ?? '';
