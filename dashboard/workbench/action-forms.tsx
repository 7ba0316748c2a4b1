// One small form per action the signed-in person may take, each POSTing to
// /workbench/tickets/{ticketNo}/actions/{action} with the session's CSRF token. A form that came
// back refused keeps what was typed and shows each error beside its field.
import type { Child, FC } from 'hono/jsx';
import { disclosureOutcomes, disclosureTicketType } from '../../tickets/disclosure-outcomes';
import { ticketTypes, urgencies } from '../../tickets/inbound-message';
import { actionLabels } from '../../tickets/transitions';
import { CSRF_FIELD, type FormFields } from '../../worker/middleware/csrf';
import type { FieldErrors } from './action-input';
import type { AvailableAction } from './available-actions';
import { CoDepartmentChecks, LeadDepartmentSelect } from './department-picker';
import type { TicketPageData } from './ticket-data';

/** Labels for actions the state machine may gain before transitions.ts labels them. */
const extraLabels: Record<string, string> = { contribute: '协办答复' };
export const actionLabel = (action: string) =>
  (actionLabels as Record<string, string>)[action] ?? extraLabels[action] ?? action;

/** What each decision is about, where one button means different things by the ticket's state. */
const subjectHints: Record<string, string> = {
  approve_reply: '审核通过承办单位的答复',
  reject_reply: '驳回答复，退回承办人修改',
  approve_extension: '批准延期申请，办理时限顺延',
  reject_extension: '不同意延期',
  approve_return: '同意退回，工单回到待派单',
  reject_return: '不同意退回，由原单位继续办理',
  request_supplement: '一次性告知群众需补充的全部材料，计时暂停',
  receive_supplement: '录入群众补充的材料，计时恢复',
  redispatch: '改派给其他单位',
};

export interface FormState {
  action: string;
  values: FormFields;
  errors: FieldErrors;
}

type Ctx = { a: AvailableAction; data: TicketPageData; state: FormState | null; cannedText: string | null };

const keptValue = (ctx: Ctx, name: string) => (ctx.state?.action === ctx.a.action ? ctx.state.values[name]?.[0] : '');
const errorOf = (ctx: Ctx, name: string) => (ctx.state?.action === ctx.a.action ? ctx.state.errors[name] : undefined);

const Field: FC<{ ctx: Ctx; name: string; label: string; children: Child }> = ({ ctx, name, label, children }) => {
  const error = errorOf(ctx, name);
  const id = `${ctx.a.action}-${name}`;
  return (
    <div class={error ? 'invalid' : undefined}>
      <label for={id}>{label}</label>
      {children}
      {error ? (
        <p class="error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
};

const TextArea: FC<{ ctx: Ctx; name: string; label: string; value?: string | null; rows?: number }> = (p) => (
  <Field ctx={p.ctx} name={p.name} label={p.label}>
    <textarea
      id={`${p.ctx.a.action}-${p.name}`}
      name={p.name}
      rows={p.rows ?? 3}
      aria-invalid={errorOf(p.ctx, p.name) ? 'true' : undefined}
    >
      {keptValue(p.ctx, p.name) || p.value || ''}
    </textarea>
  </Field>
);

const TextInput: FC<{ ctx: Ctx; name: string; label: string; type?: string }> = (p) => (
  <Field ctx={p.ctx} name={p.name} label={p.label}>
    <input
      id={`${p.ctx.a.action}-${p.name}`}
      name={p.name}
      type={p.type ?? 'text'}
      value={keptValue(p.ctx, p.name) ?? ''}
      aria-invalid={errorOf(p.ctx, p.name) ? 'true' : undefined}
    />
  </Field>
);

const Choice: FC<{ ctx: Ctx; name: string; label: string; options: Array<[string, string]> }> = (p) => (
  <Field ctx={p.ctx} name={p.name} label={p.label}>
    <select id={`${p.ctx.a.action}-${p.name}`} name={p.name}>
      {p.options.map(([value, text]) => (
        <option value={value} selected={keptValue(p.ctx, p.name) === value}>
          {text}
        </option>
      ))}
    </select>
  </Field>
);

function suggestedDepartments(routing: unknown): string[] {
  const candidates = (routing as { candidates?: Array<{ departmentCode: string | null }> } | null)?.candidates ?? [];
  return [...new Set(candidates.map((c) => c.departmentCode).filter((c): c is string => !!c))];
}

const DispatchFields: FC<{ ctx: Ctx }> = ({ ctx }) => {
  const { ticket } = ctx.data.bundle;
  const mine = ctx.state?.action === 'dispatch';
  return (
    <>
      <Field ctx={ctx} name="departmentCode" label="承办单位">
        <LeadDepartmentSelect
          departments={ctx.data.departments.filter((d) => d.kind !== 'centre')}
          suggested={suggestedDepartments(ticket.routing)}
          selected={keptValue(ctx, 'departmentCode') ?? ''}
          invalid={!!errorOf(ctx, 'departmentCode')}
        />
      </Field>
      <CoDepartmentChecks
        departments={ctx.data.departments.filter((d) => d.kind !== 'centre')}
        checked={mine ? (ctx.state?.values.coDepartmentCodes ?? []) : []}
      />
      {errorOf(ctx, 'coDepartmentCodes') ? <p class="error">{errorOf(ctx, 'coDepartmentCodes')}</p> : null}
      <Choice
        ctx={ctx}
        name="type"
        label="类型"
        options={[['', `不变（${ticket.type}）`], ...ticketTypes.map((t) => [t, t] as [string, string])]}
      />
      <Choice
        ctx={ctx}
        name="urgency"
        label="紧急程度"
        options={[['', '不变'], ...urgencies.map((u) => [u, u === 'urgent' ? '紧急' : '一般'] as [string, string])]}
      />
      <TextArea ctx={ctx} name="reason" label="派单说明（选填）" rows={2} />
    </>
  );
};

const CannedReplies: FC<{ ctx: Ctx }> = ({ ctx }) =>
  ctx.data.cannedReplies.length ? (
    <details>
      <summary>常用答复（咨询类）</summary>
      <ul>
        {ctx.data.cannedReplies.map((r) => (
          <li>
            <a href={`?canned=${encodeURIComponent(r.id)}#action-reply`}>{r.title}</a>
          </li>
        ))}
      </ul>
    </details>
  ) : null;

/**
 * 依申请公开: the outcome and, where it has them, the reason, as the annual report's table lists
 * them; the reasons grouped under their outcome. The server checks that the two belong together.
 */
const DisclosureFields: FC<{ ctx: Ctx }> = ({ ctx }) => {
  const reason = keptValue(ctx, 'disclosure.reason');
  return (
    <>
      <Choice
        ctx={ctx}
        name="disclosure"
        label="办理结果（依申请公开）"
        options={[['', '请选择'], ...disclosureOutcomes.map((o) => [o.code, `${o.row}${o.label}`] as [string, string])]}
      />
      <Field ctx={ctx} name="disclosure.reason" label="具体情形（不予公开、无法提供、不予处理、其他处理时选择）">
        <select
          id={`${ctx.a.action}-disclosure.reason`}
          name="disclosure.reason"
          aria-invalid={errorOf(ctx, 'disclosure.reason') ? 'true' : undefined}
        >
          <option value="">无</option>
          {disclosureOutcomes
            .filter((o) => o.reasons.length > 0)
            .map((o) => (
              <optgroup label={o.label}>
                {o.reasons.map((r) => (
                  <option value={r.code} selected={reason === r.code}>
                    {r.label}
                  </option>
                ))}
              </optgroup>
            ))}
        </select>
      </Field>
      <TextInput ctx={ctx} name="disclosure.note" label="办理结果说明（选填）" />
    </>
  );
};

const fieldsBySubject: Record<string, FC<{ ctx: Ctx }>> = {
  dispatch: DispatchFields,
  redispatch: DispatchFields,
  request_return: ({ ctx }) => <TextArea ctx={ctx} name="reason" label="退回理由" />,
  request_supplement: ({ ctx }) => <TextArea ctx={ctx} name="request" label="需群众补充的材料（一次列全）" />,
  receive_supplement: ({ ctx }) => <TextArea ctx={ctx} name="text" label="群众补充的内容" />,
  request_extension: ({ ctx }) => (
    <>
      <TextInput ctx={ctx} name="workingDays" label="延期工作日数" type="number" />
      <TextArea ctx={ctx} name="reason" label="延期理由" />
    </>
  ),
  reply: ({ ctx }) => (
    <>
      <CannedReplies ctx={ctx} />
      <TextArea ctx={ctx} name="text" label="答复内容" rows={6} value={ctx.cannedText} />
      {ctx.data.bundle.ticket.type === disclosureTicketType ? <DisclosureFields ctx={ctx} /> : null}
    </>
  ),
  contribute: ({ ctx }) => <TextArea ctx={ctx} name="text" label="协办意见" rows={4} />,
  reject_reply: ({ ctx }) => <TextArea ctx={ctx} name="reason" label="驳回理由" />,
  reject_extension: ({ ctx }) => <TextArea ctx={ctx} name="reason" label="驳回理由" />,
  reject_return: ({ ctx }) => <TextArea ctx={ctx} name="reason" label="驳回理由" />,
  close: ({ ctx }) => (
    <>
      <Choice
        ctx={ctx}
        name="kind"
        label="办结方式"
        options={[
          ['resolved', '已答复办结'],
          ['direct_answer', '直接答复办结'],
          ['invalid', '无效工单'],
        ]}
      />
      <TextArea ctx={ctx} name="directAnswer" label="直接答复内容（直接答复时填写）" />
      <TextArea ctx={ctx} name="reason" label="说明（选填）" rows={2} />
    </>
  ),
  reopen: ({ ctx }) => <TextArea ctx={ctx} name="reason" label="重启理由" />,
  merge: ({ ctx }) => (
    <>
      <TextInput ctx={ctx} name="intoTicketNo" label="并入工单号" />
      <TextArea ctx={ctx} name="reason" label="说明（选填）" rows={2} />
    </>
  ),
};

export const ActionForm: FC<Ctx & { csrf: string }> = (props) => {
  const { a, data, state, csrf } = props;
  const Fields = fieldsBySubject[a.subject] ?? fieldsBySubject[a.action];
  const label = actionLabel(a.action);
  const formError = state?.action === a.action ? state.errors.form : undefined;
  return (
    <form
      method="post"
      action={`/workbench/tickets/${encodeURIComponent(data.bundle.ticket.ticketNo)}/actions/${a.action}`}
      class="card"
      id={`action-${a.action}`}
      aria-label={label}
      novalidate
    >
      <h3>{label}</h3>
      {subjectHints[a.subject] ? <p class="muted">{subjectHints[a.subject]}</p> : null}
      {formError ? (
        <p class="form-error" role="alert">
          {formError}
        </p>
      ) : null}
      <input type="hidden" name={CSRF_FIELD} value={csrf} />
      {Fields ? <Fields ctx={props} /> : null}
      <button type="submit">{label}</button>
    </form>
  );
};
