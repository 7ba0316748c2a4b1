// The bridge from intake to routing/: loads what routing needs from D1 (cached per isolate)
// and turns routing's decision into the fields of a new ticket.
import type { Db } from '../db/client';
import type { InboundMessage, TicketType, Urgency } from './inbound-message';

export interface RoutingOutcome {
  type: TicketType;
  urgency: Urgency;
  lifeDanger: boolean;
  category: string | null;
  /** Null: the 12345 centre dispatches by hand. */
  departmentCode: string | null;
  coDepartmentCodes: string[];
  placeCode: string | null;
  signature: string | null;
  bands: string[];
  /** Stored with the ticket so dispatchers see why. */
  explanation: Record<string, unknown>;
}

/** Until a routing model is configured, intake trusts the channel's hints and leaves dispatch to people. */
export async function routeInbound(_db: Db, message: InboundMessage): Promise<RoutingOutcome> {
  const hints = message.hints ?? {};
  return {
    type: hints.type ?? '求助',
    urgency: hints.urgency ?? 'normal',
    lifeDanger: false,
    category: hints.category ?? null,
    departmentCode: null,
    coDepartmentCodes: [],
    placeCode: null,
    signature: null,
    bands: [],
    explanation: { source: 'hints', departmentCode: null, category: hints.category ?? null },
  };
}
