// A published reply in the public API's shape (DESIGN.md, Publication): times as ISO 8601 in
// China Standard Time, as the hub's protocols write them; the rating only when the resident gave one.
import { isoShanghai } from '../../routing/calendar';
import type { RatingInput } from '../lifecycle/rate-ticket';
import type { PublicReplyRow } from './public-reads';

export interface PublicRating {
  satisfaction: RatingInput['satisfaction'];
  resolved: boolean;
}

export function ratingOf(row: PublicReplyRow): PublicRating | null {
  return row.satisfaction !== null && row.resolved !== null
    ? // The column holds what the rating wrote, one of the rating's own values.
      { satisfaction: row.satisfaction as RatingInput['satisfaction'], resolved: row.resolved }
    : null;
}

export function publicReplyJson(row: PublicReplyRow) {
  return {
    ticketNo: row.ticketNo,
    title: row.title,
    question: row.question,
    reply: row.reply,
    department: row.department,
    receivedAt: isoShanghai(row.receivedAt),
    repliedAt: isoShanghai(row.repliedAt),
    workingDays: row.workingDays,
    rating: ratingOf(row),
  };
}
