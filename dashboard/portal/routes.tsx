// GET /: the portal, read in one D1 batch (the newest published replies and this month's figures)
// behind the edge cache's generation read, so a visit costs two round trips at most.
import { Hono } from 'hono';
import { openDb } from '../../db/client';
import { localDate } from '../../routing/calendar';
import { periodFiguresOf, periodFiguresStatements } from '../../tickets/publication/monthly-figures';
import { monthOf } from '../../tickets/publication/monthly-figures-period';
import { newestPublishedStatement } from '../../tickets/publication/public-reads';
import { PortalPage } from './portal-page';

export const portalRoutes = new Hono<{ Bindings: Env }>();

portalRoutes.get('/', async (c) => {
  const now = Date.now();
  const db = openDb(c.env.DB);
  const period = monthOf(now);
  const [newest, ...figureResults] = await db.batch([
    newestPublishedStatement(db, 5),
    ...periodFiguresStatements(db, period),
  ]);
  const { total } = periodFiguresOf(figureResults, period, now);
  return c.html(
    <PortalPage
      latest={newest.map((r) => ({
        ticketNo: r.ticketNo,
        title: r.title,
        department: r.department,
        repliedText: localDate(r.repliedAt),
      }))}
      month={{ month: period.key, label: period.label, ...total }}
    />,
  );
});
