// From an action's form to the lifecycle's input, and from a refusal back to the fields: the
// form's text fields become the action's JSON input (empty ones left out, checkboxes as a list,
// numbers as numbers), and a HubError's details, or zod's issues in Chinese, go beside the field
// they name.
import type { z } from 'zod';
import { actionInputSchemas } from '../../tickets/action-inputs';
import type { HubError } from '../../tickets/hub-error';
import type { FormFields } from '../../worker/middleware/csrf';

/** Field name → message; `form` for what belongs to no one field. */
export type FieldErrors = Record<string, string>;

const listFields = new Set(['coDepartmentCodes']);
const numberFields = new Set(['workingDays']);
/**
 * Object inputs, posted as one field per member: the field of the object's own name carries its
 * main member (`disclosure` is the outcome), `disclosure.reason` and the like the others.
 */
const objectFields: Record<string, string> = { disclosure: 'outcome' };

/** The form field an input path belongs to (`disclosure.reason` has its own select; `coDepartmentCodes.1` not). */
function fieldOfPath(path: ReadonlyArray<PropertyKey>): string {
  const [head, member] = path.map(String);
  if (head && member && objectFields[head] && member !== objectFields[head]) return `${head}.${member}`;
  return head ?? 'form';
}

function objectFromForm(name: string, schema: z.ZodObject, form: FormFields): Record<string, string> | undefined {
  const value: Record<string, string> = {};
  for (const member of Object.keys(schema.shape)) {
    const posted = form[member === objectFields[name] ? name : `${name}.${member}`]?.[0]?.trim();
    if (posted) value[member] = posted;
  }
  return Object.keys(value).length ? value : undefined;
}

/** The fields an action's schema knows; an action without a schema here takes its text fields. */
function fieldNames(action: string, form: FormFields): string[] {
  const schema = (actionInputSchemas as Record<string, z.ZodObject | undefined>)[action];
  return schema ? Object.keys(schema.shape) : Object.keys(form).filter((name) => !name.startsWith('_'));
}

export function actionInputFromForm(action: string, form: FormFields): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  const shape = (actionInputSchemas as Record<string, z.ZodObject | undefined>)[action]?.shape ?? {};
  for (const name of fieldNames(action, form)) {
    if (objectFields[name]) {
      const inner = (shape[name] as z.ZodOptional<z.ZodObject> | undefined)?.unwrap();
      const value = inner ? objectFromForm(name, inner, form) : undefined;
      if (value) input[name] = value;
      continue;
    }
    const values = (form[name] ?? []).map((v) => v.trim()).filter((v) => v !== '');
    if (listFields.has(name)) input[name] = values;
    else if (!values.length) continue;
    else if (numberFields.has(name)) input[name] = Number(values[0]);
    else input[name] = values[0];
  }
  return input;
}

type Issue = z.core.$ZodRawIssue;

/** zod's own messages are English; staff read Chinese. A schema's own message still wins. */
export function chineseIssueMessage(issue: Issue): string {
  const i = issue as Issue & { origin?: string; minimum?: number | bigint; maximum?: number | bigint };
  switch (issue.code) {
    case 'too_small':
      if (i.origin === 'string') return Number(i.minimum) <= 1 ? '请填写此项' : `至少填写 ${i.minimum} 个字`;
      if (i.origin === 'array') return `至少选择 ${i.minimum} 项`;
      return `不能小于 ${i.minimum}`;
    case 'too_big':
      if (i.origin === 'string') return `不能超过 ${i.maximum} 个字`;
      if (i.origin === 'array') return `最多选择 ${i.maximum} 项`;
      return `不能大于 ${i.maximum}`;
    case 'invalid_type':
      if (issue.input === undefined) return '请填写此项';
      return i.expected === 'number' || i.expected === 'int' ? '请填写整数' : '格式不正确';
    case 'invalid_value':
      return '请从列表中选择';
    default:
      return '填写的内容不符合要求';
  }
}

/** The input checked with Chinese messages, before the lifecycle checks it again. */
export function checkActionInput(action: string, input: Record<string, unknown>): FieldErrors | null {
  const schema = (actionInputSchemas as Record<string, z.ZodType | undefined>)[action];
  if (!schema) return null;
  const result = schema.safeParse(input, { error: chineseIssueMessage });
  if (result.success) return null;
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) errors[fieldOfPath(issue.path)] ??= issue.message;
  return errors;
}

/** Refusals that name no field in their details, and the field they are about. */
const fieldOfCode: Partial<Record<HubError['code'], string>> = {
  unknown_department: 'departmentCode',
  unknown_ticket: 'intoTicketNo',
  merge_into_self: 'intoTicketNo',
  merge_target_closed: 'intoTicketNo',
  extension_not_allowed: 'workingDays',
  extension_too_long: 'workingDays',
};

/** A refusal's details beside their fields (`coDepartmentCodes.1` → `coDepartmentCodes`), the rest on top. */
export function fieldErrorsOf(err: HubError, fields: readonly string[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const d of err.details ?? []) {
    const field = fieldOfPath(d.path.split('.'));
    if (fields.includes(field)) errors[field] ??= d.message;
  }
  const byCode = fieldOfCode[err.code];
  if (byCode && fields.includes(byCode)) errors[byCode] ??= err.message;
  errors.form = err.message;
  return errors;
}
