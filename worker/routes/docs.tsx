// GET /docs: the OpenAPI document as a readable page, rendered on the server from the same
// document /api/v1/openapi.json serves, so it works offline and without scripts.
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

export function docsRoutes(
  getDocument: () => { paths?: Record<string, Record<string, Operation>>; info?: { title?: string; version?: string } },
) {
  const app = new Hono<{ Bindings: Env }>();
  app.get('/', (c) => {
    const doc = getDocument();
    const operations = Object.entries(doc.paths ?? {}).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
    );
    return c.html(
      <Layout title="接口文档">
        <section class="card">
          <h1>{doc.info?.title ?? 'API'}</h1>
          <p class="muted">
            版本 {doc.info?.version}。机器可读文档：<a href="/api/v1/openapi.json">/api/v1/openapi.json</a>
          </p>
        </section>
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
      </Layout>,
    );
  });
  return app;
}
