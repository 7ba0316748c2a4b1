// The shapes of redaction (保密审查) for publication: which texts are published, what a mask is,
// what redaction knows of the ticket, and the reviewer's changes. tickets/redaction/redact.ts
// finds and applies the masks; the publication stage (tickets/publication/) stores the result.

/** The texts of a ticket that can reach the public. */
export const publicFields = ['title', 'question', 'reply', 'address'] as const;
export type PublicField = (typeof publicFields)[number];
export type PublicTexts = Record<PublicField, string>;

export type MaskKind =
  | 'contact' // the ticket's own contact (name, phone, e-mail), in whatever form it is written
  | 'name'
  | 'phone'
  | 'landline'
  | 'id_card'
  | 'bank_card'
  | 'email'
  | 'plate'
  | 'wechat_id'
  | 'qq'
  | 'address' // house, building and room numbers
  | 'number' // any other long run of digits that could be someone's
  | 'reviewer'; // a phrase the reviewer masked by hand

/** One masked span of an unredacted text. */
export interface Mask {
  /** `${field}:${start}-${end}`: stable for the same text, so the reviewer can remove it by id. */
  id: string;
  field: PublicField;
  /** UTF-16 offsets into the unredacted text, end exclusive. */
  start: number;
  end: number;
  kind: MaskKind;
  /** What the public reads instead. */
  replacement: string;
  source: 'auto' | 'reviewer';
}

/** The resident's own contact details, masked wherever they appear. */
export interface ResidentContact {
  name?: string | null;
  phone?: string | null;
  email?: string | null;
  openId?: string | null;
}

export interface RedactionContext {
  contact?: ResidentContact;
  /** Official service numbers (12345, departments' published lines) left as they are. */
  serviceNumbers?: readonly string[];
}

/** The reviewer's changes: automatic masks taken off (by id), phrases masked wherever they appear. */
export interface ReviewerEdits {
  remove: string[];
  add: string[];
}

export const noEdits: ReviewerEdits = { remove: [], add: [] };

export interface Redaction {
  /** The texts as the public reads them. */
  texts: PublicTexts;
  /** Every mask applied, sorted by field and start. */
  masks: Mask[];
}

/**
 * What a detector found in one text: a span of the unredacted text, its kind and what the public
 * reads instead. Findings that overlap merge into one mask (tickets/redaction/apply-masks.ts).
 */
export interface Finding {
  start: number;
  end: number;
  kind: MaskKind;
  replacement: string;
}
