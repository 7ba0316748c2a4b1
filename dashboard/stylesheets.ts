// The pages' styles as stylesheets the Worker serves (GET /styles/<name>.<hash>.css), never as
// inline <style>: the content policy (worker/middleware/secure-headers.ts) allows styles from the
// hub's own origin only, so an injected <style> or style attribute does nothing. Each page module
// registers its rules when it loads, so every isolate knows every file before any page links to
// it; the content hash in the name lets browsers keep a file for a year and fetch a changed one.
import { createHash } from 'node:crypto';
import { Hono } from 'hono';

/** A registered stylesheet, for a page's <link>. */
export interface Stylesheet {
  href: string;
}

const sheets = new Map<string, string>();

export function stylesheet(name: string, css: string): Stylesheet {
  const file = `${name}.${createHash('sha256').update(css).digest('hex').slice(0, 12)}.css`;
  sheets.set(file, css);
  return { href: `/styles/${file}` };
}

export const stylesheetRoutes = new Hono<{ Bindings: Env }>();

stylesheetRoutes.get('/:file', (c) => {
  const css = sheets.get(c.req.param('file'));
  if (css === undefined) return c.notFound();
  return c.body(css, 200, {
    'content-type': 'text/css; charset=utf-8',
    'cache-control': 'public, max-age=31536000, immutable',
  });
});
