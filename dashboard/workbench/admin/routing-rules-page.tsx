// GET /workbench/admin/routing-rules: the rules that force or boost a department at intake, each
// with a button to switch it off or on. A switch saves the stored rule with `enabled` changed,
// through the API's own saveRoutingRule (which checks it as routing will read it).
import { eq } from 'drizzle-orm';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { openDb } from '../../../db/client';
import { departments, routingRules } from '../../../db/schema';
import { HubError } from '../../../tickets/hub-error';
import { ruleOfRow } from '../../../tickets/routing-context';
import { readFormFields, sessionCsrfToken } from '../../../worker/middleware/csrf';
import { listRoutingRules, type RoutingRule, saveRoutingRule } from '../../../worker/routes/routing-rules';
import { StaffPage } from '../staff-frame';
import { type AdminContext, Csrf, doneNotice, Flash, FormError, type FormState, refusalFields } from './form-parts';
import { AdminBack } from './index-page';

const LIST = '/workbench/admin/routing-rules';
const actionLabels: Record<RoutingRule['action'], string> = { force: '直接派给', boost: '优先推荐' };
const notices: Record<string, string> = { enabled: '规则已启用，新来件随即按此分拨。', disabled: '规则已停用。' };

const patternText = (p: RoutingRule['pattern']) => (Array.isArray(p) ? p.join('、') : `正则：${p}`);

const RuleRow = (p: { r: RoutingRule; names: Map<string, string>; state: FormState | null; csrf: string }) => {
  const { r } = p;
  return (
    <tr id={`rule-${r.id}`}>
      <td>{r.id}</td>
      <td>{patternText(r.pattern)}</td>
      <td>
        {actionLabels[r.action]} {r.departmentCode ? (p.names.get(r.departmentCode) ?? r.departmentCode) : null}
        {r.category ? <div class="muted">分类：{r.category}</div> : null}
      </td>
      <td>{r.action === 'boost' ? r.weight : '—'}</td>
      <td>{r.enabled ? '启用' : <span class="status overdue">已停用</span>}</td>
      <td>
        <form method="post" action={`${LIST}/${encodeURIComponent(r.id)}/enabled`}>
          <FormError state={p.state} form={`rule-${r.id}`} />
          <Csrf token={p.csrf} />
          <input type="hidden" name="enabled" value={r.enabled ? 'false' : 'true'} />
          <button type="submit">{r.enabled ? '停用' : '启用'}</button>
        </form>
      </td>
    </tr>
  );
};

async function renderRules(c: AdminContext, state: FormState | null, status = 200) {
  const db = openDb(c.env.DB);
  const [rules, depts] = await Promise.all([
    listRoutingRules(db),
    db.select({ code: departments.code, name: departments.name }).from(departments),
  ]);
  const names = new Map(depts.map((d) => [d.code, d.name]));
  const csrf = sessionCsrfToken(c);
  return c.html(
    <StaffPage title="分拨规则" staff={c.get('staff')} csrf={csrf}>
      <AdminBack />
      <h1>分拨规则</h1>
      <Flash text={state ? undefined : doneNotice(c, notices)} />
      <p class="muted">来件内容命中关键词或正则时，直接派给或优先推荐对应单位。新增和修改规则请使用管理接口。</p>
      {rules.length === 0 ? (
        <p class="card">还没有分拨规则。</p>
      ) : (
        <div class="card table-scroll">
          <table>
            <thead>
              <tr>
                <th>编号</th>
                <th>匹配</th>
                <th>处理</th>
                <th>权重</th>
                <th>状态</th>
                <th>操作</th>
              </tr>
            </thead>
            <tbody>
              {rules.map((r) => (
                <RuleRow r={r} names={names} state={state} csrf={csrf} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </StaffPage>,
    status as ContentfulStatusCode,
  );
}

export const showRoutingRules = (c: AdminContext) => renderRules(c, null);

export async function switchRoutingRule(c: AdminContext) {
  const id = c.req.param('id') ?? '';
  const enabled = (await readFormFields(c)).enabled?.[0];
  if (enabled !== 'true' && enabled !== 'false') throw new HubError('not_found', '没有这个操作');
  const db = openDb(c.env.DB);
  const row = await db.query.routingRules.findFirst({ where: eq(routingRules.id, id) });
  if (!row) throw new HubError('not_found', `规则不存在：${id}`);
  const { id: _id, ...rule } = ruleOfRow(row);
  try {
    await saveRoutingRule(db, id, { ...rule, enabled: enabled === 'true' });
  } catch (err) {
    // A stored rule routing can no longer read (a department gone, say) says why beside its button.
    const errors = refusalFields(err, []);
    if (!errors) throw err;
    return renderRules(c, { form: `rule-${id}`, values: {}, errors }, (err as HubError).status);
  }
  return c.redirect(`${LIST}?done=${enabled === 'true' ? 'enabled' : 'disabled'}#rule-${encodeURIComponent(id)}`, 303);
}
