// The cursor of the public replies list: the position of the last reply shown, in the list's own
// order (replied_at, then id, both descending). Opaque to callers (base64url), so the order can
// change without breaking links; a cursor that does not decode is the caller's fault, a 400.
import { HubError } from '../hub-error';

export interface ReplyPosition {
  repliedAt: number;
  id: number;
}

const shape = /^(\d{1,15})\.(\d{1,15})$/;

export function encodeCursor(at: ReplyPosition): string {
  return btoa(`${at.repliedAt}.${at.id}`).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function decodeCursor(cursor: string): ReplyPosition {
  let plain = '';
  try {
    plain = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    // Not base64 at all: refused below like any other cursor this list never gave out.
  }
  const m = shape.exec(plain);
  if (!m) throw new HubError('bad_request', 'cursor: 翻页参数无效', [{ path: 'cursor', message: '翻页参数无效' }]);
  return { repliedAt: Number(m[1]), id: Number(m[2]) };
}
