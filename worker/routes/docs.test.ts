// GET /docs: Swagger UI loaded from the hub itself (no outside host), starting on the hub's own
// OpenAPI document, with a server-rendered list for browsers without scripts.
import { expect, it } from 'vitest';
import { BASE, request } from '../../tests/helpers';

const scriptSources = (html: string) => [...html.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1]);

it('loads the viewer from same-origin paths', async () => {
  const res = await request(`${BASE}/docs`);
  expect(res.status).toBe(200);
  const html = await res.text();
  expect(scriptSources(html)).toEqual(['/docs/assets/swagger-ui-bundle.js', '/docs/viewer.js']);
  expect(html).toContain('<link rel="stylesheet" href="/docs/assets/swagger-ui.css"/>');
  expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
});

it('serves the viewer’s script and style sheet with their content types', async () => {
  const bundle = await request(`${BASE}/docs/assets/swagger-ui-bundle.js`);
  expect(bundle.status).toBe(200);
  expect(bundle.headers.get('content-type')).toMatch(/^(text|application)\/javascript/);
  expect(await bundle.text()).toContain('SwaggerUIBundle');
  const css = await request(`${BASE}/docs/assets/swagger-ui.css`);
  expect(css.status).toBe(200);
  expect(css.headers.get('content-type')).toMatch(/^text\/css/);
});

it('starts the viewer on the hub’s own document, with no outside validator', async () => {
  const res = await request(`${BASE}/docs/viewer.js`);
  expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
  const script = await res.text();
  expect(script).toContain("url: '/api/v1/openapi.json'");
  expect(script).toContain('validatorUrl: null');
});

it('hands out no other file of the package or of the assets folder', async () => {
  const others = ['index.html', 'package.json', 'swagger-initializer.js', '..%2Fpackage.json', 'echarts.min.js'];
  for (const file of [...others, 'dashboard.js', 'vendor%2Fswagger-ui.css']) {
    expect((await request(`${BASE}/docs/assets/${file}`)).status, file).toBe(404);
  }
  for (const file of ['index.html', 'vendor/swagger-ui-bundle.js', 'dashboard.js']) {
    expect((await request(`${BASE}/${file}`)).status, file).toBe(404);
  }
});

it('lists the operations without scripts', async () => {
  const html = await (await request(`${BASE}/docs`)).text();
  const fallback = html.slice(html.indexOf('<noscript>'), html.indexOf('</noscript>'));
  expect(fallback).toContain('<code>POST</code> <code>/api/v1/messages</code>');
  expect(fallback).toContain('浏览器未启用脚本');
});
