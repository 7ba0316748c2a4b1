// Choosing departments for dispatch from the department tree: the lead as one select, grouped by
// districts (with their streets under them), functional departments and utilities, routing's
// suggestions first; co-departments as checkboxes in the same groups (no script needed).
import type { FC } from 'hono/jsx';
import type { DepartmentRow } from './ticket-data';

interface Group {
  label: string;
  items: Array<{ code: string; name: string }>;
}

/** Districts each followed by their streets (indented), then functional bodies, then utilities. */
export function departmentGroups(departments: DepartmentRow[]): Group[] {
  const streetsOf = (code: string) => departments.filter((d) => d.kind === 'street' && d.parentCode === code);
  const districts = departments.filter((d) => d.kind === 'district');
  const placed = new Set(districts.flatMap((d) => [d.code, ...streetsOf(d.code).map((s) => s.code)]));
  const territorial = districts.flatMap((d) => [
    { code: d.code, name: d.name },
    ...streetsOf(d.code).map((s) => ({ code: s.code, name: `　${s.name}` })),
  ]);
  const ofKind = (...kinds: string[]) =>
    departments
      .filter((d) => kinds.includes(d.kind) && !placed.has(d.code))
      .map((d) => ({ code: d.code, name: d.name }));
  return [
    { label: '区县及街道', items: territorial },
    { label: '市直部门', items: ofKind('functional', 'city') },
    { label: '公用事业单位', items: ofKind('utility') },
  ].filter((g) => g.items.length > 0);
}

export const LeadDepartmentSelect: FC<{
  departments: DepartmentRow[];
  suggested: string[];
  selected: string;
  invalid: boolean;
}> = (p) => {
  const names = new Map(p.departments.map((d) => [d.code, d.name]));
  const suggestions = p.suggested.filter((code) => names.has(code));
  const selected = p.selected || suggestions[0] || '';
  return (
    <select id="dispatch-departmentCode" name="departmentCode" required aria-invalid={p.invalid ? 'true' : undefined}>
      <option value="" selected={selected === ''}>
        请选择承办单位
      </option>
      {suggestions.length ? (
        <optgroup label="分拨建议">
          {suggestions.map((code) => (
            <option value={code} selected={selected === code}>
              {names.get(code)}
            </option>
          ))}
        </optgroup>
      ) : null}
      {departmentGroups(p.departments).map((g) => (
        <optgroup label={g.label}>
          {g.items.map((d) => (
            <option value={d.code} selected={selected === d.code && !suggestions.includes(d.code)}>
              {d.name}
            </option>
          ))}
        </optgroup>
      ))}
    </select>
  );
};

export const CoDepartmentChecks: FC<{ departments: DepartmentRow[]; checked: string[] }> = (p) => (
  <details open={p.checked.length > 0}>
    <summary>协办单位（可多选）</summary>
    {departmentGroups(p.departments).map((g) => (
      <fieldset>
        <legend>{g.label}</legend>
        {g.items.map((d) => (
          <label class="check">
            <input type="checkbox" name="coDepartmentCodes" value={d.code} checked={p.checked.includes(d.code)} />
            {d.name.trim()}
          </label>
        ))}
      </fieldset>
    ))}
  </details>
);
