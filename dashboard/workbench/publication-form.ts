// From the review page's form to a decision's input, and from a refusal back to the fields. The
// form has a box per automatic mask to take it off (`remove`), a textarea of phrases to mask, one
// per line (`add`), the reviewer's mark (`fitForPublication`) and a reason (`reason`).
import type { HubError } from '../../tickets/hub-error';
import { decisionInputSchema } from '../../tickets/publication/review';
import { type FormFields, firstField } from '../../worker/middleware/csrf';
import { chineseIssueMessage, type FieldErrors } from './action-input';

/** What the page's buttons ask: 预览 re-renders, the others decide. */
export const formDecisions = ['preview', 'publish', 'decline', 'withdraw'] as const;
export type FormDecision = (typeof formDecisions)[number];

export const isFormDecision = (s: string): s is FormDecision => (formDecisions as readonly string[]).includes(s);

export interface DecisionForm {
  remove: string[];
  add: string[];
  /** The textarea as typed, so a refused form comes back as it was. */
  addText: string;
  fitForPublication: boolean;
  reason: string;
}

export function readDecisionForm(form: FormFields): DecisionForm {
  const addText = firstField(form, 'add');
  return {
    remove: (form.remove ?? []).filter((id) => id !== ''),
    add: [
      ...new Set(
        addText
          .split(/\r?\n/)
          .map((line) => line.trim())
          .filter(Boolean),
      ),
    ],
    addText,
    fitForPublication: firstField(form, 'fitForPublication') === '1',
    reason: firstField(form, 'reason').trim(),
  };
}

export function decisionInput(f: DecisionForm) {
  return {
    edits: { remove: f.remove, add: f.add },
    fitForPublication: f.fitForPublication,
    ...(f.reason ? { reason: f.reason } : {}),
  };
}

/** The input checked with Chinese messages, each beside its field; null when it reads. */
export function checkDecisionForm(f: DecisionForm): FieldErrors | null {
  const parsed = decisionInputSchema.safeParse(decisionInput(f));
  if (parsed.success) return null;
  const errors: FieldErrors = { form: '提交未成功，请按提示修改标红的项目。' };
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] === 'edits' ? issue.path[1] : issue.path[0]);
    errors[field] ??=
      issue.message && /[\u4e00-\u9fff]/.test(issue.message) ? issue.message : chineseIssueMessage(issue as never);
  }
  return errors;
}

/** A decision's refusal beside the field it names (the gate's, the reason), else at the top. */
export function refusalErrors(err: HubError): FieldErrors {
  // fieldError's messages start with the field's name, which staff need not read.
  const message = err.message.replace(/^[\w.]+: /, '');
  const errors: FieldErrors = { form: message };
  for (const d of err.details ?? [])
    if (d.path === 'reason' || d.path === 'fitForPublication') errors[d.path] = message;
  return errors;
}
