// Learning from dispatchers: when a ticket is re-dispatched, the correction becomes a labelled
// example (the same JSONL shape as the training data), which the integrator stores in D1 and
// `routing:train` reads back alongside the training file.
import type { TrainingExample } from './train-classifier';

export type Correction = {
  ticketId: string;
  title?: string | null;
  text: string;
  /** The category the dispatcher chose, if the workbench asks for one. */
  category?: string | null;
  /** The department the ticket was re-dispatched to. */
  departmentCode?: string | null;
};

export type CorrectionExample = TrainingExample & { id: string; source: 'correction' };

/**
 * The training example a correction teaches, or null when it teaches the model nothing: the
 * new department answers no model label, or several labels (then the category must be given),
 * or the decision already had that label. Street and district governments are not labels: a
 * territorial re-dispatch corrects the place, not the category.
 */
export function correctionExample(
  correction: Correction,
  categoryDepartments: Readonly<Record<string, string>>,
  modelLabels: readonly string[],
  previousCategory: string | null = null,
): CorrectionExample | null {
  let label = correction.category ?? null;
  if (!label && correction.departmentCode) {
    const labels = modelLabels.filter((l) => categoryDepartments[l] === correction.departmentCode);
    if (labels.length === 1) label = labels[0]!;
  }
  if (!label || !modelLabels.includes(label) || label === previousCategory) return null;
  return {
    id: `correction:${correction.ticketId}`,
    ...(correction.title ? { title: correction.title } : {}),
    text: correction.text,
    label,
    source: 'correction',
  };
}
