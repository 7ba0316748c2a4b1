// Admin-editable dispatch rules. A rule matches a keyword list (any keyword) or a regular
// expression over the normalised message, and either forces a department (and category), or
// boosts one so that the model's choice is nudged without being overruled. Rules are data
// (stored in D1); this module validates and applies them.

export type RoutingRule = {
  id: string;
  /** Keywords (any one matches) or the source of a regular expression (Unicode mode). */
  pattern: string[] | string;
  action: 'force' | 'boost';
  departmentCode?: string;
  category?: string;
  /** Added to the matching candidate's score by a boost rule (default 0.2). */
  weight?: number;
  enabled: boolean;
};

export type RuleHit = { rule: RoutingRule; matched: string[] };

const compiled = new WeakMap<RoutingRule, RegExp | null>();

function regexOf(rule: RoutingRule): RegExp | null {
  if (typeof rule.pattern !== 'string') return null;
  if (!compiled.has(rule)) {
    try {
      compiled.set(rule, new RegExp(rule.pattern, 'gu'));
    } catch {
      // An invalid pattern disables the rule rather than the whole routing; `validateRule`
      // reports it to the admin when the rule is saved.
      compiled.set(rule, null);
    }
  }
  return compiled.get(rule)!;
}

/** Problems with a rule as an admin entered it (empty when the rule is usable). */
export function validateRule(rule: RoutingRule): string[] {
  const problems: string[] = [];
  if (!rule.id) problems.push('规则缺少编号');
  if (rule.action !== 'force' && rule.action !== 'boost') problems.push('动作只能是 force 或 boost');
  if (!rule.departmentCode && !rule.category) problems.push('规则须指定部门或分类');
  if (Array.isArray(rule.pattern)) {
    if (rule.pattern.filter((k) => k.trim()).length === 0) problems.push('关键词不能为空');
  } else {
    try {
      new RegExp(rule.pattern, 'u');
      if (new RegExp(rule.pattern, 'u').test('')) problems.push('正则表达式不能匹配空文本');
    } catch (error) {
      problems.push(`正则表达式无效：${(error as Error).message}`);
    }
  }
  if (rule.weight !== undefined && !(rule.weight >= 0 && rule.weight <= 1)) problems.push('权重须在 0 到 1 之间');
  return problems;
}

/** Keywords or regex matches of one rule in the text (empty: the rule does not fire). */
export function matchRule(rule: RoutingRule, text: string): string[] {
  if (!rule.enabled) return [];
  if (Array.isArray(rule.pattern)) return rule.pattern.filter((k) => k.trim() && text.includes(k.trim()));
  const regex = regexOf(rule);
  if (!regex) return [];
  const hits = new Set<string>();
  for (const m of text.matchAll(regex)) if (m[0]) hits.add(m[0]);
  return [...hits];
}

/** Every enabled rule that fires, in the order the rules are listed (the first force wins). */
export function applyRules(rules: readonly RoutingRule[], text: string): RuleHit[] {
  const hits: RuleHit[] = [];
  for (const rule of rules) {
    const matched = matchRule(rule, text);
    if (matched.length > 0) hits.push({ rule, matched });
  }
  return hits;
}
