// The Worker entry the benchmark runs (`npm run bench` starts `wrangler dev worker/bench-entry.ts`):
// the production Worker unchanged, with the benchmark's own routes under /__bench in front of
// it. The production entry (worker/index.ts) never imports them, so a deployed hub has no
// /__bench at all. While the benchmark counts D1 round trips (channels/bench/d1-counter.ts),
// requests (the hub's and the yardsticks') and mail get the counting binding; the queue consumer
// never does, since deliveries and follow-ups are the outbox's and the queue's work, not intake's.
import { Hono } from 'hono';
import { countedEnv } from '../channels/bench/d1-counter';
import { benchRoutes } from '../channels/bench/routes';
import hub from './index';

export const benchApp = new Hono<{ Bindings: Env }>();
benchApp.route('/__bench', benchRoutes);
benchApp.all('*', (c) => hub.fetch(c.req.raw, c.env, c.executionCtx));

export default {
  ...hub,
  // Typed as Hono's fetch, whose env is optional; the runtime always passes the Worker's.
  fetch: (...[request, env, ctx]: Parameters<typeof hub.fetch>) => benchApp.fetch(request, countedEnv(env as Env), ctx),
  email: (message, env) => hub.email(message, countedEnv(env)),
} satisfies typeof hub;
