// The pieces every admin page's forms share: a field with its error beside it and the value kept
// from a refused submission, the CSRF token, the notice after a redirect, and the step from a
// refusal (zod's issues in Chinese, or a HubError's details) to the fields it names.
import type { Context } from 'hono';
import type { Child, FC } from 'hono/jsx';
import type { z } from 'zod';
import { HubError } from '../../../tickets/hub-error';
import type { StaffVariables } from '../../../worker/auth/session';
import { CSRF_FIELD, type FormFields } from '../../../worker/middleware/csrf';
import { chineseIssueMessage, type FieldErrors, fieldErrorsOf } from '../action-input';

export type AdminContext = Context<{ Bindings: Env; Variables: StaffVariables }>;

/** A refused form: which of the page's forms (`form`), what was typed, and what is wrong. */
export interface FormState {
  form: string;
  values: FormFields;
  errors: FieldErrors;
}

type FieldProps = { state: FormState | null; form: string; name: string; label: string };

export const keptValue = (p: Pick<FieldProps, 'state' | 'form' | 'name'>, fallback = '') =>
  p.state?.form === p.form ? (p.state.values[p.name]?.[0] ?? '') : fallback;
const errorOf = (p: FieldProps) => (p.state?.form === p.form ? p.state.errors[p.name] : undefined);
const idOf = (p: FieldProps) => `${p.form}-${p.name}`;

export const Field: FC<FieldProps & { children: Child }> = (p) => {
  const error = errorOf(p);
  return (
    <div class={error ? 'invalid' : undefined}>
      <label for={idOf(p)}>{p.label}</label>
      {p.children}
      {error ? (
        <p class="error" id={`${idOf(p)}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
};

export const TextField: FC<FieldProps & { type?: string; value?: string | null }> = (p) => (
  <Field {...p}>
    <input
      id={idOf(p)}
      name={p.name}
      type={p.type ?? 'text'}
      // A password is never sent back to the browser, not even the one just refused.
      value={p.type === 'password' ? '' : keptValue(p, p.value ?? '')}
      aria-invalid={errorOf(p) ? 'true' : undefined}
    />
  </Field>
);

export const TextAreaField: FC<FieldProps & { value?: string | null; rows?: number }> = (p) => (
  <Field {...p}>
    <textarea id={idOf(p)} name={p.name} rows={p.rows ?? 4} aria-invalid={errorOf(p) ? 'true' : undefined}>
      {keptValue(p, p.value ?? '')}
    </textarea>
  </Field>
);

export const SelectField: FC<FieldProps & { options: Array<[string, string]>; value?: string }> = (p) => {
  const selected = keptValue(p, p.value ?? '');
  return (
    <Field {...p}>
      <select id={idOf(p)} name={p.name} aria-invalid={errorOf(p) ? 'true' : undefined}>
        {p.options.map(([value, text]) => (
          <option value={value} selected={selected === value}>
            {text}
          </option>
        ))}
      </select>
    </Field>
  );
};

export const Csrf: FC<{ token: string }> = ({ token }) => <input type="hidden" name={CSRF_FIELD} value={token} />;

/** The form's own error on top (what belongs to no one field, or a summary). */
export const FormError: FC<{ state: FormState | null; form: string }> = ({ state, form }) =>
  state?.form === form && state.errors.form ? (
    <p class="form-error" role="alert">
      {state.errors.form}
    </p>
  ) : null;

export const Flash: FC<{ text?: string }> = ({ text }) =>
  text ? (
    <p class="flash" role="status">
      {text}
    </p>
  ) : null;

/** The notice for `?done=` after a redirect: only the page's own notices, never the query's text. */
export const doneNotice = (c: AdminContext, notices: Record<string, string>) => notices[c.req.query('done') ?? ''];

export const SUMMARY = '提交未成功，请按提示修改标红的项目。';

/** Checks input against the API's own schema, with zod's messages in Chinese beside their fields. */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
): { ok: true; value: z.output<S> } | { ok: false; errors: FieldErrors } {
  const result = schema.safeParse(input, { error: chineseIssueMessage });
  if (result.success) return { ok: true, value: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) errors[String(issue.path[0] ?? 'form')] ??= issue.message;
  errors.form ??= SUMMARY;
  return { ok: false, errors };
}

/** A refusal the page can show beside its fields (4xx but not 404), or null to let it through. */
export function refusalFields(err: unknown, fields: readonly string[]): FieldErrors | null {
  if (!(err instanceof HubError) || err.status === 404 || err.status >= 500) return null;
  const errors = fieldErrorsOf(err, fields);
  // A refusal that names a field is told beside it, the top only points there; one about a field
  // the form does not show is told on top in its own words (not the API's `path: message`).
  const elsewhere = (err.details ?? []).filter((d) => !fields.includes(d.path.split('.')[0] ?? ''));
  if (Object.keys(errors).length > 1) errors.form = SUMMARY;
  else if (elsewhere.length) errors.form = elsewhere.map((d) => d.message).join('；');
  return errors;
}

/** The form's text fields without empty ones, as the API's JSON would leave them out. */
export function filledFields(form: FormFields, names: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const value = form[name]?.[0]?.trim();
    if (value) out[name] = value;
  }
  return out;
}
