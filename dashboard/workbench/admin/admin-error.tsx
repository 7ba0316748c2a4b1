// The admin pages' errors: what is not found here is an account, a reply or a delivery, not a
// ticket, so its own message is shown; everything else is the workbench's error page.
import type { Context } from 'hono';
import { HubError } from '../../../tickets/hub-error';
import { StaffPage, staffErrorPage } from '../staff-frame';

export function adminErrorPage(err: Error, c: Context): Response | Promise<Response> {
  if (!(err instanceof HubError) || err.status !== 404) return staffErrorPage(err, c);
  return c.html(
    <StaffPage title="未找到">
      <section class="card" role="alert">
        <h1>未找到</h1>
        <p>{err.message}</p>
        <p>
          <a href="/workbench/admin">返回系统管理</a>
        </p>
      </section>
    </StaffPage>,
    404,
  );
}
