// The workbench's routes (mounted at /workbench): every page needs a staff session of a role
// that works tickets (leaders read figures on the dashboard), every form the session's CSRF
// token and a same-origin submission. Errors render as staff pages; no session goes to sign-in.
import { Hono } from 'hono';
import { contextStorage } from 'hono/context-storage';
import { requireStaff, type StaffVariables } from '../../worker/auth/session';
import { requireSessionCsrf, sameOriginForms } from '../../worker/middleware/csrf';
import { adminPages } from './admin/routes';
import { readNotice, showNotices } from './notices';
import { showPublicationQueue } from './publication-queue-page';
import { showPublicationReview, submitPublication } from './publication-review-page';
import { showQueues } from './queue-page';
import { staffErrorPage } from './staff-frame';
import { showTicket, takeAction } from './ticket-page';

export const workbenchRoutes = new Hono<{ Bindings: Env; Variables: StaffVariables }>();

workbenchRoutes.onError(staffErrorPage);
// The header's unread-notice count (./notices.tsx) reads the request's database from here.
workbenchRoutes.use('*', contextStorage());
workbenchRoutes.use('*', sameOriginForms, requireStaff('admin', 'dispatcher', 'supervisor', 'handler', 'reviewer'));
workbenchRoutes.use('*', requireSessionCsrf);
workbenchRoutes.use('*', async (c, next) => {
  await next();
  // Staff pages hold residents' details: never cached, never kept by a shared proxy.
  c.header('Cache-Control', 'no-store');
});

workbenchRoutes.get('/', showQueues);
workbenchRoutes.get('/tickets/:ticketNo', showTicket);
workbenchRoutes.post('/tickets/:ticketNo/actions/:action', takeAction);
// 政务公开审查: the publication roles only (tickets/publication/review.ts says who decides).
const reviewers = requireStaff('admin', 'supervisor', 'reviewer');
workbenchRoutes.get('/publication', reviewers, showPublicationQueue);
workbenchRoutes.get('/tickets/:ticketNo/publication', reviewers, showPublicationReview);
workbenchRoutes.post('/tickets/:ticketNo/publication', reviewers, submitPublication);
workbenchRoutes.get('/notices', showNotices);
workbenchRoutes.post('/notices/:id/read', readNotice);
workbenchRoutes.route('/admin', adminPages);
