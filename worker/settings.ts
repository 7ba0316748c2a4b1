// Secrets and settings. Development and tests run without any secret, on documented defaults
// (README "Settings"), with a warning; production refuses whatever needs a missing secret.
import { HubError } from '../tickets/hub-error';

export const developmentDefaults = {
  SESSION_SECRET: 'dev-session-secret-not-for-production',
  INTEGRATION_TOKENS: 'dev-integration-token',
} as const;

const warned = new Set<string>();

export function isProduction(env: Pick<Env, 'HUB_ENV'>): boolean {
  return env.HUB_ENV === 'production';
}

/** The secret's value, its development default outside production, or 503 in production. */
export function requireSecret<K extends keyof typeof developmentDefaults>(env: Env, name: K): string {
  const value = env[name];
  if (value) return value;
  if (isProduction(env)) throw new HubError(503, 'not_configured', `服务未配置 ${name}`);
  if (!warned.has(name)) {
    warned.add(name);
    console.warn(`${name} is not set: using the development default (never in production)`);
  }
  return developmentDefaults[name];
}

export function commaList(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Constant-time comparison, so a token cannot be guessed byte by byte from response times. */
export function safeEqual(a: string, b: string): boolean {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}
