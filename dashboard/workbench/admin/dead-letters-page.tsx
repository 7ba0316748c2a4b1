// GET /workbench/admin/dead-letters: messages to residents that used up their retries, newest
// first, the recipient masked (worker/routes/dead-letters.ts, as the API lists them), each with a
// 重新发送 button. POST …/{id}/resend puts the row back in the queue through the outbox's own
// resendDelivery, as POST /api/v1/admin/dead-letters/{id}/resend does.
import { z } from 'zod';
import { openDb } from '../../../db/client';
import { formatShanghai } from '../../../routing/calendar';
import { HubError } from '../../../tickets/hub-error';
import { resendDelivery } from '../../../tickets/outbox';
import { sessionCsrfToken } from '../../../worker/middleware/csrf';
import { type DeadLetter, listDeadLetters } from '../../../worker/routes/dead-letters';
import { channelLabels } from '../original-messages';
import { StaffPage } from '../staff-frame';
import { type AdminContext, Csrf, doneNotice, Flash } from './form-parts';
import { AdminBack } from './index-page';

const PAGE_SIZE = 50;

const kindLabels: Record<DeadLetter['kind'], string> = {
  ack: '受理回执',
  supplement_request: '补充材料告知',
  reply: '答复',
  notice: '通知',
};

const notices = { resent: '已重新放入发送队列。' };

// A cursor that does not parse starts from the newest, as a bad filter is dropped elsewhere.
const querySchema = z.object({
  before: z
    .string()
    .regex(/^\d{1,15}_[\w-]{1,64}$/)
    .optional()
    .catch(undefined),
});

const Row = ({ d, csrf }: { d: DeadLetter; csrf: string }) => (
  <tr>
    <td>{formatShanghai(d.createdAt)}</td>
    <td>{d.ticketNo ? <a href={`/workbench/tickets/${encodeURIComponent(d.ticketNo)}`}>{d.ticketNo}</a> : '—'}</td>
    <td>{channelLabels[d.channel] ?? d.channel}</td>
    <td>{d.recipient}</td>
    <td>{kindLabels[d.kind] ?? d.kind}</td>
    <td>{d.attempts}</td>
    <td>
      <pre>{d.lastError ?? '—'}</pre>
    </td>
    <td>
      <form method="post" action={`/workbench/admin/dead-letters/${encodeURIComponent(d.id)}/resend`}>
        <Csrf token={csrf} />
        <button type="submit">重新发送</button>
      </form>
    </td>
  </tr>
);

export async function showDeadLetters(c: AdminContext) {
  const { before } = querySchema.parse(c.req.query());
  const { items, next } = await listDeadLetters(openDb(c.env.DB), { before, limit: PAGE_SIZE });
  const csrf = sessionCsrfToken(c);
  return c.html(
    <StaffPage title="投递失败的消息" staff={c.get('staff')} csrf={csrf}>
      <AdminBack />
      <h1>投递失败的消息</h1>
      <Flash text={doneNotice(c, notices)} />
      <p class="muted">重试次数用尽仍未送达群众的消息。收件人已部分隐去；重新发送会立即再试一次。</p>
      {items.length === 0 ? (
        <p class="card">没有投递失败的消息。</p>
      ) : (
        <div class="card table-scroll">
          <table>
            <thead>
              <tr>
                <th>时间</th>
                <th>工单</th>
                <th>渠道</th>
                <th>收件人</th>
                <th>类型</th>
                <th>尝试次数</th>
                <th>最后错误</th>
                <th>操作</th>
              </tr>
            </thead>
            <tbody>
              {items.map((d) => (
                <Row d={d} csrf={csrf} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next ? <a href={`/workbench/admin/dead-letters?before=${encodeURIComponent(next)}`}>更早的消息 →</a> : null}
    </StaffPage>,
  );
}

export async function resendDeadLetter(c: AdminContext) {
  const row = await resendDelivery(c.env, openDb(c.env.DB), c.req.param('id') ?? '');
  if (!row) throw new HubError('delivery_not_found', '没有这条投递失败的消息（可能已重新发送）');
  return c.redirect('/workbench/admin/dead-letters?done=resent', 303);
}
