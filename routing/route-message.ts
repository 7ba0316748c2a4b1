// Dispatch (派单): one message in, one explained routing decision out. Normalise, extract,
// type, urgency, classify, apply rules, apply the territorial principle (属地管理), fall back to
// the manual queue below the confidence threshold, and sign the text for duplicate search.
// Pure: the caller supplies the model, rules, gazetteer and departments (from D1) and stores
// the returned decision, which is JSON-serialisable, as the ticket's routing explanation.

import { assessUrgency, type Referral, type Urgency } from './assess-urgency';
import { classifyNormalised, type Model } from './classifier-model';
import { classifyType, type TicketType } from './classify-type';
import type { Department } from './demo-data';
import { type Entities, extractEntities } from './extract-entities';
import { type GazetteerEntry, type ResolvedPlace, resolvePlace } from './gazetteer';
import { normaliseText } from './normalise-text';
import { applyRules, type RoutingRule } from './rules';
import { computeSignature, signatureBands } from './similarity';

export type RoutingInput = {
  channel: string;
  title?: string | null;
  text: string;
  location?: { address?: string; lat?: number; lng?: number };
  hints?: { type?: TicketType; category?: string; urgency?: Urgency };
};

export type RoutingContext = {
  model: Model;
  rules: readonly RoutingRule[];
  gazetteer: readonly GazetteerEntry[];
  departments: readonly Department[];
  /** Category (model label or rule category) → department code. */
  categoryDepartments: Readonly<Record<string, string>>;
  /** Categories sent to the government of the place (street, else district) when one is found. */
  territorialCategories: readonly string[];
  /** Minimum top score for automatic dispatch. */
  threshold: number;
  /** The 12345 centre's dispatch desk (where `departmentCode: null` tickets wait). */
  manualQueueDepartment: string;
};

export type Candidate = { label: string; departmentCode: string | null; score: number };

export type RoutingDecision = {
  normalisedText: string;
  type: TicketType;
  urgency: Urgency;
  lifeDanger: boolean;
  referral?: Referral;
  category: string | null;
  /** The department to dispatch to; null sends the ticket to the manual dispatch queue. */
  departmentCode: string | null;
  /** Where the ticket goes now: `departmentCode`, or the manual queue's department. */
  assignedTo: string;
  dispatch: 'auto' | 'manual';
  confidence: number;
  candidates: Candidate[];
  rulesFired: string[];
  keywords: string[];
  place: ResolvedPlace | null;
  entities: Entities;
  signature: string;
  signatureBands: string[];
  /** One line for the dispatcher's screen (Chinese, user-facing). */
  explanation: string;
};

const round4 = (x: number) => Math.round(x * 10000) / 10000;
const DEFAULT_BOOST = 0.2;
// An agent's category on a phone call is a human judgement: worth a strong nudge, not a veto.
const HINT_BOOST = 0.4;

/** The government that handles a place: its street if that is a department, else its district. */
export function territorialDepartment(place: ResolvedPlace, departments: readonly Department[]): string | null {
  const codes = new Set(departments.filter((d) => d.kind === 'street' || d.kind === 'district').map((d) => d.code));
  for (let i = place.path.length - 1; i >= 0; i--) if (codes.has(place.path[i]!.code)) return place.path[i]!.code;
  return null;
}

function departmentName(code: string | null, departments: readonly Department[]): string {
  return code ? (departments.find((d) => d.code === code)?.name ?? code) : '人工派单';
}

export function routeMessage(input: RoutingInput, context: RoutingContext): RoutingDecision {
  const title = input.title ? normaliseText(input.title, { channel: input.channel }) : '';
  const body = normaliseText(input.text, { channel: input.channel });
  const normalisedText = title ? `${title}\n${body}` : body;
  const entities = extractEntities(normalisedText, context.gazetteer);
  const address = input.location?.address ? normaliseText(input.location.address) : '';
  const place =
    (address && resolvePlace(address, context.gazetteer, 'location')) ||
    resolvePlace(normalisedText, context.gazetteer, 'text');

  const typed = classifyType(normalisedText, input.hints?.type);
  const urgency = assessUrgency(normalisedText);
  const urgent = urgency.urgency === 'urgent' || input.hints?.urgency === 'urgent';

  const rulesFired: string[] = [];
  const keywords = new Set<string>([...typed.keywords, ...urgency.keywords]);
  const departmentOf = (label: string) => context.categoryDepartments[label] ?? null;

  // Model scores, then boosts from the agent's hint and from rules, on a label-keyed table.
  const scores = new Map<string, Candidate>();
  for (const { label, score } of classifyNormalised(context.model, body, title))
    scores.set(label, { label, departmentCode: departmentOf(label), score });
  const boost = (label: string, departmentCode: string | null, weight: number) => {
    const existing = scores.get(label);
    if (existing) existing.score += weight;
    else scores.set(label, { label, departmentCode, score: weight });
  };
  const hintCategory = input.hints?.category;
  if (hintCategory && (scores.has(hintCategory) || departmentOf(hintCategory))) {
    boost(hintCategory, departmentOf(hintCategory), HINT_BOOST);
    rulesFired.push(`hint:category:${hintCategory}`);
  }
  let forced: { category: string | null; departmentCode: string | null; ruleId: string } | null = null;
  for (const { rule, matched } of applyRules(context.rules, normalisedText)) {
    for (const k of matched) keywords.add(k);
    rulesFired.push(`${rule.action}:${rule.id}`);
    const departmentCode = rule.departmentCode ?? (rule.category ? departmentOf(rule.category) : null);
    if (rule.action === 'force') {
      forced ??= { category: rule.category ?? null, departmentCode, ruleId: rule.id };
    } else if (rule.category) {
      boost(rule.category, departmentCode, rule.weight ?? DEFAULT_BOOST);
    } else {
      // A department-only boost lifts every candidate of that department, or adds one.
      const hits = [...scores.values()].filter((c) => c.departmentCode === departmentCode);
      for (const c of hits) c.score += rule.weight ?? DEFAULT_BOOST;
      if (hits.length === 0) boost(`rule:${rule.id}`, departmentCode, rule.weight ?? DEFAULT_BOOST);
    }
  }
  const ranked = [...scores.values()]
    .map((c) => ({ ...c, score: round4(Math.min(1, c.score)) }))
    .sort((a, b) => b.score - a.score || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  const candidates = ranked.slice(0, 3);
  const top = ranked[0] ?? null;

  let category: string | null = top?.label ?? null;
  let departmentCode: string | null = top?.departmentCode ?? null;
  let confidence = top?.score ?? 0;
  const notes: string[] = [];
  if (forced) {
    category = forced.category ?? category;
    departmentCode = forced.departmentCode ?? (category ? departmentOf(category) : null);
    confidence = 1;
    notes.push(`规则「${forced.ruleId}」指定`);
  } else if (!top || confidence < context.threshold) {
    departmentCode = null;
    notes.push(`置信度${top ? confidence.toFixed(2) : '0'}低于阈值${context.threshold}，转人工派单`);
  }
  // 属地管理: a location-bound category goes to the street or district where it happens. A forced
  // rule names its department explicitly and keeps it.
  if (!forced && departmentCode && category && place && context.territorialCategories.includes(category)) {
    const local = territorialDepartment(place, context.departments);
    if (local) {
      departmentCode = local;
      rulesFired.push(`territorial:${local}`);
      notes.push(`属地管理：${place.path.map((p) => p.name).join('')}`);
    }
  }
  // The signature says what the matter is, not where: place names and addresses are left out, or
  // every message from one street would look alike (they all name it) and the street's
  // unrelated complaints would share LSH bands and drift towards the hot-spot threshold.
  const signature = computeSignature(withoutSpans(normalisedText, [...entities.places, ...entities.addresses]));
  const lead = category ? `${category}（${confidence.toFixed(2)}）` : '未能分类';
  const explanation = [
    `${typed.type}·${lead} → ${departmentName(departmentCode, context.departments)}`,
    ...notes,
    urgent ? (urgency.lifeDanger ? `紧急，危及生命，建议转${urgency.referral}` : '紧急') : '',
  ]
    .filter(Boolean)
    .join('；');
  return {
    normalisedText,
    type: typed.type,
    urgency: urgent ? 'urgent' : 'normal',
    lifeDanger: urgency.lifeDanger,
    ...(urgency.referral ? { referral: urgency.referral } : {}),
    category,
    departmentCode,
    assignedTo: departmentCode ?? context.manualQueueDepartment,
    dispatch: departmentCode ? 'auto' : 'manual',
    confidence: round4(confidence),
    candidates,
    rulesFired,
    keywords: [...keywords],
    place,
    entities,
    signature,
    signatureBands: signatureBands(signature),
    explanation,
  };
}

/** The text with the given spans blanked out (overlaps allowed). */
function withoutSpans(text: string, spans: readonly { start: number; end: number }[]): string {
  if (spans.length === 0) return text;
  const blank = new Uint8Array(text.length);
  for (const { start, end } of spans) blank.fill(1, start, end);
  let out = '';
  for (let i = 0; i < text.length; i++) out += blank[i] ? ' ' : text[i];
  return out;
}
