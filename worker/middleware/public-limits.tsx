// Limits on what the public may send and how often, each refused in the form its caller reads:
// a page gets a page (413, 429 with Retry-After), the JSON API the hub's error shape, Open311
// its error list. Counting uses the shared fixed windows of tickets/rate-limit.ts.
//
// The public pages and the public API sit behind the edge cache (./edge-cache.ts), and the
// search limit is mounted after it: a cached answer costs no count (a D1 write per hit would
// cost more than the hit saves), and only a search that misses, and so runs the full-text
// index, is counted: one more round trip, a write, on a miss. Other pages are not limited: a
// miss reads one batch, no dearer than the count that would guard it, and the cache absorbs
// repeats.
//
// Counted by the address Cloudflare reports (CF-Connecting-IP, which it sets on every request
// from outside). A request without one comes from inside (local development, the benchmarks,
// the tests' own app): it has no address to count by and is not counted.
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { open311Error, splitFormat } from '../../channels/open311/format';
import { Layout } from '../../dashboard/layout';
import { HubError } from '../../tickets/hub-error';
import { clientAddress, type RateLimit, takeRateLimit } from '../../tickets/rate-limit';

/** Searches per address a minute: a resident refining a search, not a script walking the index. */
export const publicSearchLimit: RateLimit = { limit: 30, windowMs: 60_000 };
/** Open311 reads per address a minute (GET requests.json with its filters reads D1 each time). */
export const open311ReadLimit: RateLimit = { limit: 120, windowMs: 60_000 };

type HubContext = Context<{ Bindings: Env }>;

function RefusalPage(props: { title: string; message: string }) {
  return (
    <Layout title={props.title}>
      <div class="card">
        <h1>{props.title}</h1>
        <p>{props.message}</p>
        <p>
          <a href="/">返回首页</a>
        </p>
      </div>
    </Layout>
  );
}

function tooManyPage(c: HubContext, retryAfterS: number) {
  c.header('Retry-After', String(retryAfterS));
  const message = `同一网络访问过于频繁，请 ${retryAfterS} 秒后再试；紧急事项请拨打 12345。`;
  return c.html(<RefusalPage title="访问过于频繁" message={message} />, 429);
}

const apiRefusal = (retryAfterS: number) =>
  new HubError('rate_limited', '请求过于频繁，请稍后再试', undefined, retryAfterS);

/**
 * Counts one request of the caller's address under `name`: the seconds to wait when over the
 * rule, null when within it or when the request has no address (see the head of this file).
 */
async function overLimit(c: HubContext, name: string, rule: RateLimit): Promise<number | null> {
  if (!c.req.header('cf-connecting-ip')?.trim()) return null;
  const taken = await takeRateLimit(c.env.DB, `${name}:${clientAddress(c.req.raw)}`, rule);
  return taken.allowed ? null : taken.retryAfterS;
}

/** Searches of the public pages and the public API that the edge cache did not answer. */
export const limitPublicSearch: MiddlewareHandler<{ Bindings: Env }> = createMiddleware(async (c, next) => {
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
  if ((c.req.query('q') ?? '').trim() === '') return next();
  const wait = await overLimit(c, 'public-search', publicSearchLimit);
  if (wait === null) return next();
  if (c.req.path.startsWith('/api/')) throw apiRefusal(wait);
  return tooManyPage(c, wait);
});

/** Open311's GETs, refused in GeoReport's error list in the format the URL names. */
export const limitOpen311Reads: MiddlewareHandler<{ Bindings: Env }> = createMiddleware(async (c, next) => {
  if (c.req.method !== 'GET') return next();
  const wait = await overLimit(c, 'open311-read', open311ReadLimit);
  if (wait === null) return next();
  const format = splitFormat(c.req.path.split('/').pop() ?? '')?.format ?? 'json';
  const res = open311Error(format, 429, `too many requests; try again in ${wait} seconds`);
  res.headers.set('Retry-After', String(wait));
  return res;
});

/** A form page's body limit (the tracking page, sign-in, the workbench): past it, a 413 page. */
export const limitPageBody = (maxBytes: number) =>
  bodyLimit({
    maxSize: maxBytes,
    onError: (c) =>
      c.html(
        <RefusalPage
          title="内容过长"
          message={`提交的内容超过了 ${Math.round(maxBytes / 1024)} KB 上限，请精简后再提交；材料较多时可拨打 12345。`}
        />,
        413,
      ),
  });
