// The leaders' pages (mounted at /dashboard): the dashboard, the tickets behind a figure, the
// monthly 通报, and the page's browser files. Every page needs a staff session (none: sign-in and
// back); department staff see their own department's figures only. Never cached: the figures
// change with every ticket, and the drill-down lists tickets.
import { Hono } from 'hono';
import { requireStaff, type StaffVariables } from '../../worker/auth/session';
import { serveAsset } from './assets';
import { showDashboard } from './dashboard-page';
import { showDrillDown } from './drill-page';
import { dashboardRoles } from './leaders-access';
import { leadersErrorPage } from './leaders-frame';
import { showReport } from './report-page';

export const leadersRoutes = new Hono<{ Bindings: Env; Variables: StaffVariables }>();

leadersRoutes.onError(leadersErrorPage);
// The script and ECharts are the same for everyone and carry no figures: no session needed.
leadersRoutes.get('/assets/*', serveAsset);
leadersRoutes.use('*', requireStaff(...dashboardRoles));
leadersRoutes.use('*', async (c, next) => {
  await next();
  c.header('Cache-Control', 'no-store');
});

leadersRoutes.get('/', showDashboard);
leadersRoutes.get('/tickets', showDrillDown);
leadersRoutes.get('/report/:month', showReport);
