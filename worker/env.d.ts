// The Worker's bindings and settings (wrangler.jsonc `vars`, secrets in .dev.vars or `wrangler secret`).
// Declared on Cloudflare.Env so that `env` from 'cloudflare:test' has the same type.
declare namespace Cloudflare {
  interface Env {
    DB: D1Database;
    /** The API viewer's files (wrangler.jsonc `assets`), served under /docs/assets. */
    ASSETS: Fetcher;
    /** Background jobs: outbox deliveries and ticket follow-ups (tickets/jobs.ts). */
    JOBS: Queue<import('../tickets/jobs').HubJob>;
    /** development | test | production: production refuses to run a channel whose secret is missing. */
    HUB_ENV: string;
    /** The jurisdiction's code at the head of every ticket number. */
    JURISDICTION_CODE: string;
    PUBLIC_BASE_URL: string;
    SESSION_SECRET?: string;
    /** Comma list of `token` or `token@scope+scope` (channels, `import`); no scope = channel api only. */
    INTEGRATION_TOKENS?: string;
    /** Channels (tickets/settings.ts has the development defaults). */
    /** HMAC secret of the call centre's transcript webhook (POST /channels/phone/calls). */
    PHONE_WEBHOOK_SECRET?: string;
    /** Comma list of keys Open311 clients send as api_key when they POST requests. */
    OPEN311_API_KEYS?: string;
    /** The SMS gateway: the hub POSTs signed JSON { to, text } here. Unset in development: SMS is only logged. */
    SMS_WEBHOOK_URL?: string;
    /** HMAC secret the hub signs SMS gateway requests with (same scheme as the partner webhooks). */
    SMS_WEBHOOK_SECRET?: string;
    /** The mailbox's own e-mail address: the From of answers by e-mail. */
    MAILBOX_ADDRESS?: string;
    /** Workers send_email binding for answers by e-mail (wrangler.jsonc `send_email`). */
    MAILBOX_EMAIL?: SendEmail;
    /** WeChat Official Account (channels/wechat): token, appid, EncodingAESKey, appsecret. */
    WECHAT_TOKEN?: string;
    WECHAT_APPID?: string;
    WECHAT_ENCODING_AES_KEY?: string;
    WECHAT_APPSECRET?: string;
    /** WeChat's API base, default https://api.weixin.qq.com; tests point it at a fake. */
    WECHAT_API_BASE?: string;
    /** Minutes within which one user's messages join one ticket (default 10). */
    WECHAT_APPEND_WINDOW_MINUTES?: string;
    /** HMAC secret shared with the Wechaty bridge (channels/wechaty). */
    WECHATY_BRIDGE_SECRET?: string;
    WECHATY_APPEND_WINDOW_MINUTES?: string;
    /** Only in tests: the migrations read by vitest.config.ts. */
    TEST_MIGRATIONS: import('cloudflare:test').D1Migration[];
  }
}
interface Env extends Cloudflare.Env {}
