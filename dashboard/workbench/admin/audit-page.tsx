// GET /workbench/admin/audit?ticketNo=: who read which resident's contact details, and when,
// newest first, as GET /api/v1/admin/audit lists them (tickets/contact-audit.ts). A ticket number
// narrows it to one ticket; the list cannot be changed from here or anywhere (append-only).
import { z } from 'zod';
import { openDb } from '../../../db/client';
import { formatShanghai } from '../../../routing/calendar';
import {
  type ContactReadKind,
  contactReadCursor,
  contactReadLabels,
  listContactReads,
  ticketNoPattern,
} from '../../../tickets/contact-audit';
import { sessionCsrfToken } from '../../../worker/middleware/csrf';
import { StaffPage } from '../staff-frame';
import type { AdminContext } from './form-parts';
import { AdminBack } from './index-page';

const PAGE_SIZE = 50;

const querySchema = z.object({
  ticketNo: z.string().trim().toUpperCase().optional(),
  before: z.string().regex(contactReadCursor).optional().catch(undefined),
});

const pageHref = (ticketNo: string | undefined, before: string) =>
  `/workbench/admin/audit?${new URLSearchParams({ ...(ticketNo ? { ticketNo } : {}), before })}`;

export async function showAudit(c: AdminContext) {
  const { ticketNo: given, before } = querySchema.parse(c.req.query());
  const ticketNo = given || undefined;
  // A number that is not one lists nothing, and says so beside the box.
  const wrong = ticketNo !== undefined && !ticketNoPattern.test(ticketNo);
  const { items, next } = wrong
    ? { items: [], next: null }
    : await listContactReads(openDb(c.env.DB), { ticketNo, before, limit: PAGE_SIZE });
  return c.html(
    <StaffPage title="联系方式查阅记录" staff={c.get('staff')} csrf={sessionCsrfToken(c)}>
      <AdminBack />
      <h1>联系方式查阅记录</h1>
      <p class="muted">
        工作人员每次查看群众的姓名、电话、邮箱或含来件人的原始来件，都会留下记录。记录只能新增，不能修改或删除。
      </p>
      <form method="get" action="/workbench/admin/audit" class="card">
        <label for="audit-ticket">工单号</label>
        <input id="audit-ticket" name="ticketNo" value={ticketNo ?? ''} placeholder="如 A2026112200001" />
        {wrong ? <p class="error">工单号格式不正确</p> : null}
        <button type="submit">查询</button>
      </form>
      {items.length === 0 ? (
        <p class="card">没有查阅记录。</p>
      ) : (
        <div class="card table-scroll">
          <table>
            <thead>
              <tr>
                <th>时间</th>
                <th>用户名</th>
                <th>工单</th>
                <th>查看内容</th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr>
                  <td>{formatShanghai(r.at)}</td>
                  <td>{r.username}</td>
                  <td>
                    <a href={`/workbench/admin/audit?ticketNo=${encodeURIComponent(r.ticketNo)}`}>{r.ticketNo}</a>
                  </td>
                  <td>{contactReadLabels[r.what as ContactReadKind] ?? r.what}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next ? <a href={pageHref(ticketNo, next)}>更早的记录 →</a> : null}
    </StaffPage>,
  );
}
