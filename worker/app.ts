// Assembles the hub's HTTP app: middleware every request passes through, then one route module
// per resource. Channels mount their own routes here.
import { OpenAPIHono } from '@hono/zod-openapi';
import { requestId } from 'hono/request-id';
import { importMaxBytes, importRoutes } from '../channels/import/routes';
import { mailboxRoutes } from '../channels/mailbox/routes';
import { open311Routes } from '../channels/open311/routes';
import { phoneRoutes } from '../channels/phone/routes';
import { wechatRoutes } from '../channels/wechat/routes';
import { wechatyRoutes } from '../channels/wechaty-hub/routes';
import { leadersRoutes } from '../dashboard/leaders/routes';
import { portalRoutes } from '../dashboard/portal/routes';
import { annualRoutes, monthlyRoutes } from '../dashboard/public/figures-routes';
import { publicRoutes } from '../dashboard/public/routes';
import { stylesheetRoutes } from '../dashboard/stylesheets';
import trackPage from '../dashboard/track-page';
import { loginRoutes, logoutRoutes } from '../dashboard/workbench/login';
import { workbenchRoutes } from '../dashboard/workbench/routes';
import { handleError, handleNotFound } from './error-handler';
import { limitBody } from './middleware/body-limit';
import { refuseCrossSiteForms } from './middleware/csrf';
import { edgeCache } from './middleware/edge-cache';
import { jsonOnly } from './middleware/json-only';
import { limitOpen311Reads, limitPageBody, limitPublicSearch } from './middleware/public-limits';
import { hubSecureHeaders } from './middleware/secure-headers';
import adminAudit from './routes/admin-audit';
import adminCalendar from './routes/admin-calendar';
import adminCannedReplies from './routes/admin-canned-replies';
import adminDeadLetters from './routes/admin-dead-letters';
import adminDepartments from './routes/admin-departments';
import adminMetrics from './routes/admin-metrics';
import adminRouting from './routes/admin-routing';
import adminServiceNumbers from './routes/admin-service-numbers';
import adminSlaPolicies from './routes/admin-sla-policies';
import adminUsers from './routes/admin-users';
import auth from './routes/auth';
import { docsRoutes } from './routes/docs';
import messages from './routes/messages';
import publicReplies from './routes/public-replies';
import publication from './routes/publication';
import stats from './routes/stats';
import tickets from './routes/tickets';
import track from './routes/track';

export const VERSION = '0.1.0';

const isImportPath = (path: string) => /^\/api\/v1\/import\/?$/.test(path);

export function createApp() {
  const app = new OpenAPIHono<{ Bindings: Env }>();

  app.use('*', requestId({ headerName: 'X-Request-Id' }));
  app.use('*', hubSecureHeaders);
  // 64 KB for the JSON API; the history import takes batches of past tickets with their replies.
  const apiBody = limitBody(64 * 1024);
  const importBody = limitBody(importMaxBytes);
  app.use('/api/*', (c, next) => (isImportPath(c.req.path) ? importBody(c, next) : apiBody(c, next)), jsonOnly);
  // Page forms: the tracking page's and sign-in's are a few fields; a workbench reply is 20,000
  // letters, nine bytes each once form-encoded.
  for (const path of ['/track/*', '/login', '/logout']) app.use(path, limitPageBody(16 * 1024));
  app.use('/workbench/*', limitPageBody(512 * 1024));
  // Public reads are the same for every visitor: served from the edge under the publication
  // generation (worker/middleware/edge-cache.ts). Staff routes never pass through it.
  // ('/public/*' takes in /public itself.) The search limit comes after it, so only a search
  // the cache did not answer is counted (worker/middleware/public-limits.tsx).
  for (const path of ['/', '/public/*', '/api/v1/public/*']) app.use(path, edgeCache());
  for (const path of ['/public/*', '/api/v1/public/*']) app.use(path, limitPublicSearch);
  app.use('/open311/*', limitOpen311Reads);
  app.onError(handleError);
  app.notFound(handleNotFound);

  app.get('/healthz', (c) => c.json({ ok: true, version: VERSION, env: c.env.HUB_ENV }));

  app.route('/', portalRoutes);
  app.route('/styles', stylesheetRoutes);
  app.route('/api/v1/messages', messages);
  app.route('/api/v1/track', track);
  app.route('/api/v1/public/replies', publicReplies);
  app.route('/api/v1/auth', auth);
  app.route('/api/v1/tickets', tickets);
  app.route('/api/v1/stats', stats);
  // The publication review's routes: /api/v1/publication/queue and /api/v1/tickets/{ticketNo}/publication….
  app.route('/api/v1', publication);
  app.route('/api/v1/admin/calendar', adminCalendar);
  app.route('/api/v1/admin/routing', adminRouting);
  app.route('/api/v1/admin/users', adminUsers);
  app.route('/api/v1/admin/departments', adminDepartments);
  app.route('/api/v1/admin/sla-policies', adminSlaPolicies);
  app.route('/api/v1/admin/canned-replies', adminCannedReplies);
  app.route('/api/v1/admin/dead-letters', adminDeadLetters);
  app.route('/api/v1/admin/service-numbers', adminServiceNumbers);
  app.route('/api/v1/admin/metrics', adminMetrics);
  app.route('/api/v1/admin/audit', adminAudit);
  app.route('/api/v1/import', importRoutes);
  app.route('/channels/phone', phoneRoutes);
  // The letter form is posted by residents' browsers only: another site's form is refused (403).
  app.use('/mailbox', refuseCrossSiteForms);
  app.route('/mailbox', mailboxRoutes);
  app.route('/open311/v2', open311Routes);
  app.route('/track', trackPage);
  app.route('/public/monthly', monthlyRoutes);
  app.route('/public/annual', annualRoutes);
  app.route('/public', publicRoutes);
  app.route('/login', loginRoutes);
  app.route('/logout', logoutRoutes);
  app.route('/workbench', workbenchRoutes);
  app.route('/dashboard', leadersRoutes);
  app.route('/channels/wechat', wechatRoutes);
  app.route('/channels/wechaty', wechatyRoutes);

  app.openAPIRegistry.registerComponent('securitySchemes', 'integrationToken', {
    type: 'http',
    scheme: 'bearer',
    description: 'One of INTEGRATION_TOKENS',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'staffSession', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'From POST /api/v1/auth/login',
  });
  const documentConfig = {
    openapi: '3.1.0',
    info: {
      title: '12345 hub API',
      version: VERSION,
      description: '12345 政务服务便民热线 · 市长信箱 · 政务微信 统一受理平台',
    },
  };
  app.doc31('/api/v1/openapi.json', documentConfig);
  app.route(
    '/docs',
    docsRoutes(() => app.getOpenAPI31Document(documentConfig) as never),
  );

  return app;
}
