// The edge cache of the public pages and the public API (Cache API, caches.default). The key is
// the URL under the current generation of everything public (tickets/publication/public-cache.ts),
// which publishing and withdrawing bump in their own batch: a withdrawn reply leaves every data
// centre's cache at once, with no purge call to miss. A hit costs one D1 round trip (reading the
// generation); a miss the generation and the page's own batch.
//
// Cache-Control: browsers and proxies, which key by URL alone and never see the generation, may
// keep a page 60 seconds: the longest a withdrawn reply can stay on a resident's screen, short
// enough for a reviewer's 撤回, long enough to absorb a press story's rush. The edge copy may live
// 5 minutes (s-maxage): publication never ages it, but monthly figures grow with every ticket.
import type { MiddlewareHandler } from 'hono';
import type { RequestIdVariables } from 'hono/request-id';
import { openDb } from '../../db/client';
import { readPublicGeneration } from '../../tickets/publication/public-cache';

export const CLIENT_CACHE_CONTROL = 'public, max-age=60';
const EDGE_CACHE_CONTROL = 'public, max-age=60, s-maxage=300';

/** A staff member's request: their answers are theirs alone, never stored or served from the cache. */
function carriesCredentials(req: Request): boolean {
  if (req.headers.has('authorization')) return true;
  return /(?:^|;\s*)hub_session=/.test(req.headers.get('cookie') ?? '');
}

/** The URL under the generation; a path prefix, so no query a visitor writes can reach another key. */
export function edgeCacheKey(url: string, generation: number): Request {
  const u = new URL(url);
  return new Request(`${u.origin}/__public-cache/${generation}${u.pathname}${u.search}`);
}

export function edgeCache(): MiddlewareHandler<{ Bindings: Env; Variables: RequestIdVariables }> {
  return async (c, next) => {
    if (c.req.method !== 'GET' || carriesCredentials(c.req.raw)) return next();
    const key = edgeCacheKey(c.req.url, await readPublicGeneration(openDb(c.env.DB)));
    const hit = await caches.default.match(key);
    if (hit) {
      const res = new Response(hit.body, hit);
      res.headers.set('cache-control', CLIENT_CACHE_CONTROL);
      const id = c.get('requestId');
      if (id) res.headers.set('x-request-id', id);
      return res;
    }
    await next();
    if (c.res.status !== 200) return;
    // A public page sets no cookie; if anything did, it must not be handed to every visitor.
    c.res.headers.delete('set-cookie');
    c.res.headers.set('cache-control', EDGE_CACHE_CONTROL);
    const stored = c.res.clone();
    stored.headers.delete('x-request-id');
    c.res.headers.set('cache-control', CLIENT_CACHE_CONTROL);
    const put = caches.default.put(key, stored);
    try {
      c.executionCtx.waitUntil(put);
    } catch {
      // No execution context (tests call the app directly): store before answering.
      await put;
    }
  };
}
