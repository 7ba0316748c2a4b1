// GET /track: a resident enters the ticket number and query code and sees progress and the answer.
import { Hono } from 'hono';
import { openDb } from '../db/client';
import { HubError } from '../tickets/hub-error';
import { findTicketForResident, residentView } from '../tickets/views';
import { Layout } from './layout';

type Tracking = ReturnType<typeof residentView>;

function TrackForm(props: { no?: string; code?: string; error?: string }) {
  return (
    <form method="get" action="/track" class="card">
      <h1>工单查询</h1>
      <label for="no">工单号</label>
      <input id="no" name="no" value={props.no ?? ''} required maxlength={40} autocomplete="off" />
      <label for="code">查询码</label>
      <input
        id="code"
        name="code"
        value={props.code ?? ''}
        required
        maxlength={20}
        inputmode="numeric"
        autocomplete="off"
      />
      {props.error ? (
        <p class="error" role="alert">
          {props.error}
        </p>
      ) : null}
      <button type="submit">查询</button>
    </form>
  );
}

function TicketProgress({ t }: { t: Tracking }) {
  return (
    <section class="card" aria-label="办理进度">
      <h2>
        工单 {t.ticketNo} <span class={t.overdue ? 'status overdue' : 'status'}>{t.statusLabel}</span>
      </h2>
      <p class="muted">
        类型：{t.type}
        {t.department ? `　承办单位：${t.department}` : ''}
        {t.deadlineText ? `　办理时限：${t.deadlineText}${t.clockPaused ? '（等待补充材料，计时暂停）' : ''}` : ''}
      </p>
      {t.title ? <h3>{t.title}</h3> : null}
      <p>{t.text}</p>
      {t.reply ? (
        <div class="card" style="background:#f0f7f0">
          <h3>答复</h3>
          <p>{t.reply.text}</p>
        </div>
      ) : null}
      <h3>办理过程</h3>
      <ol class="timeline">
        {t.timeline.map((e) => (
          <li>
            <span class="muted">{e.atText}</span> {e.label}
          </li>
        ))}
      </ol>
    </section>
  );
}

const app = new Hono<{ Bindings: Env }>();

app.get('/', async (c) => {
  const no = c.req.query('no')?.trim();
  const code = c.req.query('code')?.trim();
  if (!no || !code) {
    return c.html(
      <Layout title="工单查询">
        <TrackForm no={no} code={code} />
      </Layout>,
    );
  }
  try {
    const tracking = residentView(await findTicketForResident(openDb(c.env.DB), no, code));
    return c.html(
      <Layout title={`工单 ${tracking.ticketNo}`}>
        <TicketProgress t={tracking} />
        <TrackForm />
      </Layout>,
    );
  } catch (err) {
    if (!(err instanceof HubError) || err.status !== 404) throw err;
    return c.html(
      <Layout title="工单查询">
        <TrackForm no={no} code={code} error="工单号或查询码不正确，请核对后重新输入。" />
      </Layout>,
      404,
    );
  }
});

export default app;
