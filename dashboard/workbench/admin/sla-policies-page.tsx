// GET /workbench/admin/sla-policies: 办理时限 as a table, a row per type and urgency, each row its
// own form (the cells' inputs name it with the form attribute, so no script is needed): the limit
// and its unit, and how many extensions of how many working days the centre may grant. A save
// goes through the API's own saveSlaPolicy and slaPolicyInput.
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { openDb } from '../../../db/client';
import { HubError } from '../../../tickets/hub-error';
import { type TicketType, ticketTypes, type Urgency, urgencies } from '../../../tickets/inbound-message';
import { readFormFields, sessionCsrfToken } from '../../../worker/middleware/csrf';
import { listSlaPolicies, type SlaPolicyRow, saveSlaPolicy, slaPolicyInput } from '../../../worker/routes/sla-policies';
import { StaffPage } from '../staff-frame';
import {
  type AdminContext,
  Csrf,
  doneNotice,
  Flash,
  type FormState,
  filledFields,
  keptValue,
  parseInput,
} from './form-parts';
import { AdminBack } from './index-page';

const LIST = '/workbench/admin/sla-policies';
const urgencyLabels: Record<Urgency, string> = { normal: '一般', urgent: '紧急' };
const numberFields = ['amount', 'maxExtensionWorkingDays', 'maxExtensions'] as const;

type Cell = { state: FormState | null; form: string; row?: SlaPolicyRow };

const errorOf = (p: Cell, name: string) => (p.state?.form === p.form ? p.state.errors[name] : undefined);

const NumberCell = (p: Cell & { name: (typeof numberFields)[number]; label: string }) => {
  const error = errorOf(p, p.name);
  const id = `${p.form}-${p.name}`;
  return (
    <td class={error ? 'invalid' : undefined}>
      <input
        id={id}
        form={p.form}
        name={p.name}
        type="number"
        inputmode="numeric"
        aria-label={p.label}
        value={keptValue(p, p.row ? String(p.row[p.name]) : '')}
        aria-invalid={error ? 'true' : undefined}
      />
      {error ? (
        <p class="error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </td>
  );
};

const UnitCell = (p: Cell) => {
  const unit = keptValue({ ...p, name: 'unit' }, p.row?.unit ?? 'working_days');
  return (
    <td>
      <select form={p.form} name="unit" aria-label="单位">
        <option value="working_days" selected={unit === 'working_days'}>
          工作日
        </option>
        <option value="hours" selected={unit === 'hours'}>
          小时
        </option>
      </select>
    </td>
  );
};

const formIdOf = (type: string, urgency: string) => `sla-${type}-${urgency}`;

const PolicyRow = (p: {
  type: TicketType;
  urgency: Urgency;
  row?: SlaPolicyRow;
  state: FormState | null;
  csrf: string;
}) => {
  const form = formIdOf(p.type, p.urgency);
  const cell = { state: p.state, form, row: p.row };
  const formError = p.state?.form === form ? p.state.errors.form : undefined;
  return (
    <tr id={`row-${form}`}>
      <th scope="row">
        {p.type}（{urgencyLabels[p.urgency]}）{p.row ? null : <span class="muted">未设置</span>}
      </th>
      <NumberCell {...cell} name="amount" label="办理时限" />
      <UnitCell {...cell} />
      <NumberCell {...cell} name="maxExtensions" label="可延期次数" />
      <NumberCell {...cell} name="maxExtensionWorkingDays" label="每次最多延期工作日" />
      <td>
        <form method="post" action={`${LIST}/${encodeURIComponent(p.type)}/${p.urgency}`} id={form} novalidate>
          <Csrf token={p.csrf} />
          <button type="submit">保存</button>
        </form>
        {formError ? <p class="error">{formError}</p> : null}
      </td>
    </tr>
  );
};

async function renderPolicies(c: AdminContext, state: FormState | null, status = 200) {
  const rows = await listSlaPolicies(openDb(c.env.DB));
  const find = (type: string, urgency: string) => rows.find((r) => r.type === type && r.urgency === urgency);
  const csrf = sessionCsrfToken(c);
  return c.html(
    <StaffPage title="办理时限" staff={c.get('staff')} csrf={csrf}>
      <AdminBack />
      <h1>办理时限</h1>
      <Flash
        text={state ? undefined : doneNotice(c, { saved: '办理时限已保存，此后受理和派单的工单按新时限计算。' })}
      />
      <p class="muted">修改只影响此后设定的时限；已在办理中的工单保持原时限。</p>
      <div class="card table-scroll">
        <table>
          <thead>
            <tr>
              <th>类型</th>
              <th>办理时限</th>
              <th>单位</th>
              <th>可延期次数</th>
              <th>每次最多延期（工作日）</th>
              <th>操作</th>
            </tr>
          </thead>
          <tbody>
            {ticketTypes.flatMap((type) =>
              urgencies.map((urgency) => (
                <PolicyRow type={type} urgency={urgency} row={find(type, urgency)} state={state} csrf={csrf} />
              )),
            )}
          </tbody>
        </table>
      </div>
    </StaffPage>,
    status as ContentfulStatusCode,
  );
}

export const showSlaPolicies = (c: AdminContext) => renderPolicies(c, null);

const isType = (s: string | undefined): s is TicketType => (ticketTypes as readonly string[]).includes(s ?? '');
const isUrgency = (s: string | undefined): s is Urgency => (urgencies as readonly string[]).includes(s ?? '');

export async function saveSlaPolicyOnPage(c: AdminContext) {
  const type = c.req.param('type');
  const urgency = c.req.param('urgency');
  if (!isType(type) || !isUrgency(urgency)) throw new HubError('not_found', '没有这种工单类型或紧急程度');
  const form = await readFormFields(c);
  const fields = filledFields(form, ['unit', ...numberFields]);
  const input: Record<string, unknown> = { ...fields };
  for (const name of numberFields) if (fields[name] !== undefined) input[name] = Number(fields[name]);
  const parsed = parseInput(slaPolicyInput, input);
  if (!parsed.ok) return renderPolicies(c, { form: formIdOf(type, urgency), values: form, errors: parsed.errors }, 422);
  await saveSlaPolicy(openDb(c.env.DB), type, urgency, parsed.value);
  return c.redirect(`${LIST}?done=saved#row-${encodeURIComponent(formIdOf(type, urgency))}`, 303);
}
