// GET /docs: the OpenAPI document in Swagger UI (operations with their request and response
// schemas), whose files the Worker serves itself from the pinned swagger-ui-dist package (copied
// into dashboard/assets/vendor/ on install, wrangler.jsonc `assets`), so the page works on a
// closed network. Without scripts the page shows the operations rendered from the same document.
import { Hono } from 'hono';
import { Layout } from '../../dashboard/layout';

type Operation = {
  summary?: string;
  description?: string;
  security?: unknown[];
  parameters?: Array<{ name: string; in: string; required?: boolean }>;
  requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> };
  responses?: Record<string, { description?: string }>;
};

type OpenApiDocument = {
  paths?: Record<string, Record<string, Operation>>;
  info?: { title?: string; version?: string };
};

/** The viewer's files, the only ones of the package the Worker hands out. */
const viewerFiles = new Set(['swagger-ui-bundle.js', 'swagger-ui.css']);

// Kept out of the page as a file of its own, so the page needs no inline script. No validator
// badge: Swagger UI would otherwise send the document to an outside validator.
const viewerStart = `SwaggerUIBundle({
  url: '/api/v1/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  validatorUrl: null,
  defaultModelsExpandDepth: 1,
});
`;

function OperationList(props: { doc: OpenApiDocument }) {
  const operations = Object.entries(props.doc.paths ?? {}).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
  );
  return (
    <>
      {operations.map(({ path, method, op }) => (
        <section class="card" id={`${method}-${path}`}>
          <h2>
            <code>{method}</code> <code>{path}</code>
          </h2>
          <p>{op.summary}</p>
          {op.description ? <p class="muted">{op.description}</p> : null}
          {op.parameters?.length ? (
            <p>
              参数：
              {op.parameters.map((p) => (
                <code>
                  {p.name} ({p.in}
                  {p.required ? ', 必填' : ''}){' '}
                </code>
              ))}
            </p>
          ) : null}
          {op.requestBody ? <p>请求体：{Object.keys(op.requestBody.content ?? {}).join(', ')}</p> : null}
          <table>
            <tbody>
              {Object.entries(op.responses ?? {}).map(([status, r]) => (
                <tr>
                  <td>{status}</td>
                  <td>{r.description}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </>
  );
}

export function docsRoutes(getDocument: () => OpenApiDocument) {
  const app = new Hono<{ Bindings: Env }>();
  app.get('/', (c) => {
    const doc = getDocument();
    return c.html(
      <Layout title="接口文档" wide>
        <link rel="stylesheet" href="/docs/assets/swagger-ui.css" />
        <div id="swagger-ui" />
        <noscript>
          <section class="card">
            <h1>{doc.info?.title ?? 'API'}</h1>
            <p class="muted">
              版本 {doc.info?.version}。浏览器未启用脚本：下面是各接口的概要，完整的请求与响应结构见机器可读文档{' '}
              <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>。
            </p>
          </section>
          <OperationList doc={doc} />
        </noscript>
        <script src="/docs/assets/swagger-ui-bundle.js" />
        <script src="/docs/viewer.js" />
      </Layout>,
    );
  });
  app.get('/viewer.js', (c) => c.body(viewerStart, 200, { 'content-type': 'text/javascript; charset=utf-8' }));
  app.get('/assets/:file', async (c) => {
    const file = c.req.param('file');
    if (!viewerFiles.has(file)) return c.notFound();
    const asset = await c.env.ASSETS.fetch(new URL(`/vendor/${file}`, c.req.url), { headers: c.req.raw.headers });
    // The binding's response is immutable; the hub's middleware adds its own headers to a copy.
    return new Response(asset.body, asset);
  });
  return app;
}
