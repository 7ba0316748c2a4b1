// The departments a history record names (DESIGN.md, History import). A city's archive names its
// own bodies, often ones the hub's tree does not have yet: such a name becomes a department under
// the city, marked `origin: 'import'` for admins to rename or merge.
//
// Its code is derived from the name (`imp-` and a hash), so a re-import, or two imports of the
// same name at once, land on one row: the insert is ON CONFLICT DO NOTHING on the primary key,
// and an admin's later rename does not make the next import create it again.
//
// Routing never sends live tickets there by itself: it names a department only through the
// admin-set category map and rules, or territorially through gazetteer place codes, and an
// import-made department is in neither and has kind `functional`. It is active, because the
// lifecycle dispatches only to active departments and the replay must put history there;
// an admin brings it into live work by naming it in a rule or the category map.
import type { HistoryRecord } from './history-record';

const importedDepartmentPrefix = 'imp-';

export interface HistoryDepartments {
  /** Where the ticket went: the record's department, else the department that replied. */
  lead: string | null;
  warnings: string[];
}

/** Full-width forms, stray spaces: two spellings of one name are one department. */
function nameKey(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '');
}

async function importedCode(name: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(nameKey(name)));
  const hex = Array.from(new Uint8Array(digest).slice(0, 8), (b) => b.toString(16).padStart(2, '0')).join('');
  return `${importedDepartmentPrefix}${hex}`;
}

/** The department's code for a code or name, creating it under the city when the name is new. */
export async function resolveHistoryDepartment(
  env: Env,
  codeOrName: string,
): Promise<{ code: string; created: boolean }> {
  const derived = await importedCode(codeOrName);
  // The code or name as given first; then the derived code, which finds a renamed import.
  const existing = await env.DB.prepare(
    `SELECT code FROM departments WHERE code = ?1 OR name = ?1 OR code = ?2
     ORDER BY code = ?1 DESC, name = ?1 DESC LIMIT 1`,
  )
    .bind(codeOrName, derived)
    .first<{ code: string }>();
  if (existing) return { code: existing.code, created: false };
  const inserted = await env.DB.prepare(
    `INSERT INTO departments (code, parent_code, name, kind, sort_order, active, origin)
     VALUES (?1,
       (SELECT code FROM departments WHERE kind = 'city' AND parent_code IS NULL ORDER BY sort_order, code LIMIT 1),
       ?2, 'functional', 1000, 1, 'import')
     ON CONFLICT (code) DO NOTHING`,
  )
    .bind(derived, codeOrName)
    .run();
  return { code: derived, created: inserted.meta.changes > 0 };
}

/** Resolves (and creates where new) every department the record names: its own and its replies'. */
export async function resolveHistoryDepartments(env: Env, record: HistoryRecord): Promise<HistoryDepartments> {
  const names = [record.department, ...(record.replies ?? []).map((r) => r.department)].filter((n): n is string => !!n);
  const codes = new Map<string, string>();
  const warnings: string[] = [];
  for (const name of new Set(names)) {
    const { code, created } = await resolveHistoryDepartment(env, name);
    codes.set(name, code);
    if (created) warnings.push(`new department created by import: ${name} (${code})`);
  }
  const leadName = record.department ?? record.replies?.[0]?.department;
  const lead = leadName ? (codes.get(leadName) ?? null) : null;
  const answered = record.replies?.[0]?.department;
  if (record.department && answered && codes.get(answered) !== lead) {
    warnings.push(`the first reply came from ${answered}; it is recorded as ${record.department}'s`);
  }
  return { lead, warnings };
}
