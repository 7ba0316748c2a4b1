// The Worker entry the benchmark runs (`npm run bench` starts `wrangler dev worker/bench-entry.ts`):
// the production Worker unchanged, with the benchmark's own routes under /__bench in front of
// it. The production entry (worker/index.ts) never imports them, so a deployed hub has no
// /__bench at all.
import { Hono } from 'hono';
import { benchRoutes } from '../channels/bench/routes';
import hub from './index';

export const benchApp = new Hono<{ Bindings: Env }>();
benchApp.route('/__bench', benchRoutes);
benchApp.all('*', (c) => hub.fetch(c.req.raw, c.env, c.executionCtx));

export default { ...hub, fetch: benchApp.fetch } satisfies typeof hub;
