// The bridge from intake to routing/: routes a message with the context loaded from D1 and
// turns routing's decision into the fields of a new ticket. Channel hints are what a person
// chose (a call-centre agent, a resident on the form): routing weighs them, and a type or
// urgency given by a person stands.
import type { Db } from '../db/client';
import { type RoutingDecision, routeMessage } from '../routing';
import type { InboundMessage, TicketType, Urgency } from './inbound-message';
import { loadRoutingContext } from './routing-context';

export interface RoutingOutcome {
  type: TicketType;
  urgency: Urgency;
  lifeDanger: boolean;
  referral: '110' | '119' | '120' | null;
  category: string | null;
  /** Null: the 12345 centre dispatches by hand. */
  departmentCode: string | null;
  placeCode: string | null;
  /** The district the place lies in (the place itself when it is one). */
  districtCode: string | null;
  signature: string;
  /** Stored with the ticket so dispatchers see why (candidates, rules, keywords, place). */
  explanation: Omit<RoutingDecision, 'entities' | 'signatureBands' | 'normalisedText' | 'signature'> & {
    entityCounts: Record<string, number>;
  };
}

export async function routeInbound(db: Db, message: InboundMessage, now = Date.now()): Promise<RoutingOutcome> {
  const context = await loadRoutingContext(db, now);
  const hints = message.hints ?? {};
  const decision = routeMessage(
    {
      channel: message.channel,
      title: message.title ?? null,
      text: message.text,
      location: message.location,
      hints: { type: hints.type, category: hints.category, urgency: hints.urgency },
    },
    context,
  );
  // The signature is stored in its own column; the normalised text is the message again.
  const {
    entities,
    signatureBands: _bands,
    normalisedText: _normalised,
    signature: _signature,
    ...explained
  } = decision;
  return {
    type: hints.type ?? decision.type,
    urgency: hints.urgency === 'urgent' ? 'urgent' : decision.urgency,
    lifeDanger: decision.lifeDanger,
    referral: decision.referral ?? null,
    category: decision.category,
    departmentCode: decision.departmentCode,
    placeCode: decision.place?.code ?? null,
    districtCode: decision.place?.path.find((p) => p.level === 'district')?.code ?? null,
    signature: decision.signature,
    // Entities hold the resident's phone and ID numbers: only their counts go into the explanation.
    explanation: {
      ...explained,
      entityCounts: Object.fromEntries(Object.entries(entities).map(([k, v]) => [k, Array.isArray(v) ? v.length : 0])),
    },
  };
}
