// Password hashing with PBKDF2-SHA256 through WebCrypto, which both workerd and Node provide
// (no native addon, nothing to bundle). 100,000 iterations is the most Workers allow.
// Stored as `pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>`.
import { safeEqual } from '../../tickets/settings';

const ITERATIONS = 100_000;

/**
 * A hash in the stored form and parameters, of a random password thrown away once hashed: sign-in
 * checks against it when the account is unknown or disabled, so that answering costs the same
 * PBKDF2 as a wrong password and the time tells nothing of which accounts exist.
 */
export const UNMATCHABLE_HASH =
  'pbkdf2-sha256$100000$z1qjreopttL2phznj7b1bQ==$uEQJ8WMXRa61VeY8WtqJgAcRcRvH3ledkzYDdWj69bg=';

const toB64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromB64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, 256);
  return new Uint8Array(bits);
}

export async function hashPassword(
  password: string,
  salt = crypto.getRandomValues(new Uint8Array(16)),
): Promise<string> {
  return `pbkdf2-sha256$${ITERATIONS}$${toB64(salt)}$${toB64(await derive(password, salt, ITERATIONS))}`;
}

/** Whether the password is the stored hash's, compared in constant time (settings.ts's safeEqual). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, iterations, salt, hash] = stored.split('$');
  if (scheme !== 'pbkdf2-sha256' || !iterations || !salt || !hash) return false;
  const actual = await derive(password, fromB64(salt), Number(iterations));
  return safeEqual(toB64(actual), hash);
}
