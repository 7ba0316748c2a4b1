// Channel secrets and settings with their development defaults. `npm start` runs without any
// secret (the defaults below, with one warning each); production (HUB_ENV=production) has no
// defaults, so a channel whose secret is missing refuses its traffic (503) instead of trusting
// a well-known value.

export const developmentDefaults = {
  PHONE_WEBHOOK_SECRET: 'dev-phone-webhook-secret',
  SMS_WEBHOOK_SECRET: 'dev-sms-webhook-secret',
  OPEN311_API_KEYS: 'dev-open311-key',
  INTEGRATION_TOKENS: 'dev-integration-token',
  MAILBOX_ADDRESS: 'mayor@mailbox.localhost',
} as const;

export type ChannelSettingName = keyof typeof developmentDefaults;

const warned = new Set<string>();

export function isProduction(env: { HUB_ENV?: string }): boolean {
  return env.HUB_ENV === 'production';
}

/** The setting's value, its development default outside production, or null when missing in production. */
export function channelSetting(env: Env, name: ChannelSettingName): string | null {
  const value = (env as unknown as Record<string, unknown>)[name];
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (isProduction(env)) return null;
  if (!warned.has(name) && env.HUB_ENV !== 'test') {
    warned.add(name);
    console.warn(`[channels] ${name} is not set: using the development default (never in production)`);
  }
  return developmentDefaults[name];
}

/** A comma list setting (API keys, integration tokens), empty entries dropped. */
export function channelSettingList(env: Env, name: ChannelSettingName): string[] | null {
  const value = channelSetting(env, name);
  if (value === null) return null;
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Compares a presented key with each allowed one without stopping at the first differing byte. */
export function includesSecret(allowed: readonly string[], presented: string | null | undefined): boolean {
  if (!presented) return false;
  const enc = new TextEncoder();
  const p = enc.encode(presented);
  let found = false;
  for (const key of allowed) {
    const k = enc.encode(key);
    if (k.length !== p.length) continue;
    let diff = 0;
    for (let i = 0; i < k.length; i++) diff |= k[i]! ^ p[i]!;
    if (diff === 0) found = true;
  }
  return found;
}
