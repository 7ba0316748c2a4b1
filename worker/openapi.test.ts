// The OpenAPI document comes from the same zod schemas that validate requests.
import { expect, it } from 'vitest';
import { BASE, request } from '../tests/helpers';

it('describes the routes and their schemas', async () => {
  const res = await request(`${BASE}/api/v1/openapi.json`);
  expect(res.status).toBe(200);
  const doc = (await res.json()) as {
    openapi: string;
    paths: Record<string, Record<string, any>>;
    components: { schemas: Record<string, any> };
  };
  expect(doc.openapi).toBe('3.1.0');
  expect(Object.keys(doc.paths)).toEqual(
    expect.arrayContaining([
      '/api/v1/messages',
      '/api/v1/track/{ticketNo}',
      '/api/v1/auth/login',
      '/api/v1/tickets',
      '/api/v1/tickets/{ticketNo}/actions/{action}',
    ]),
  );
  // The intake schema in the document is the validator's: the channel enum and required fields.
  const inbound = doc.components.schemas.InboundMessage;
  expect(inbound.properties.channel.enum).toEqual(['phone', 'mailbox', 'email', 'wechat', 'wechaty', 'open311', 'api']);
  expect(inbound.required).toEqual(expect.arrayContaining(['channel', 'externalId', 'receivedAt', 'text']));
  expect(doc.paths['/api/v1/messages']!.post.responses).toHaveProperty('422');
  // The rules of practice: the co-handling action, the callback's rating, the dissatisfied queue.
  const actions = doc.paths['/api/v1/tickets/{ticketNo}/actions/{action}']!.post;
  expect(actions.parameters.find((p: { name: string }) => p.name === 'action').schema.enum).toContain('contribute');
  const callback = doc.paths['/api/v1/tickets/{ticketNo}/callback']!.post;
  expect(callback.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/RatingInput' });
  expect(doc.components.schemas.RatingInput.properties.satisfaction.enum).toEqual([
    'satisfied',
    'basically_satisfied',
    'dissatisfied',
  ]);
  const list = doc.paths['/api/v1/tickets']!.get;
  expect(list.parameters.find((p: { name: string }) => p.name === 'queue').schema.enum).toEqual([
    'dispatch',
    'new',
    'due_soon',
    'overdue',
    'supplement',
    'approvals',
    'dissatisfied',
    'mine',
  ]);
});

it('serves a browsable page of the same document', async () => {
  const html = await (await request(`${BASE}/docs`)).text();
  expect(html).toContain('/api/v1/tickets/{ticketNo}/actions/{action}');
  expect(html).toContain('接口文档');
});
