// The dashboard's browser files from the Worker's static assets (wrangler.jsonc `assets`,
// dashboard/assets/): its own script and Apache ECharts (vendor/, copied from the pinned package
// on install). Only these are handed out; the binding answers with their content types.
import type { Context } from 'hono';

const files = new Set(['dashboard.js', 'vendor/echarts.min.js']);

export async function serveAsset(c: Context<{ Bindings: Env }>) {
  const file = new URL(c.req.url).pathname.replace(/^\/dashboard\/assets\//, '');
  if (!files.has(file)) return c.notFound();
  const asset = await c.env.ASSETS.fetch(new URL(`/${file}`, c.req.url), { headers: c.req.raw.headers });
  // The binding's response is immutable; the hub's middleware adds its own headers to a copy.
  return new Response(asset.body, asset);
}
