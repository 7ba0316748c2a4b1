// The server-side record of staff sessions (table staff_sessions). A session JWT names its row,
// so signing out ends that one session (the shared PC at the centre's front desk) while a
// password reset or a disabled account ends every session of the account.
import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../../db/client';
import { staff, staffSessions } from '../../db/schema';
import type { StaffRole } from '../../tickets/lifecycle/actor';

/** The account behind a session, as it is now (not as it was at sign-in). */
export interface SessionAccount {
  sessionId: string;
  staffId: string;
  username: string;
  displayName: string;
  role: StaffRole;
  departmentCode: string;
  active: boolean;
  expiresAt: number;
  endedAt: number | null;
}

/** Statements that open a session, pruning the account's sessions that have run out. */
export function openSessionStatements(
  db: Db,
  session: { id: string; staffId: string; createdAt: number; expiresAt: number },
): [BatchItem<'sqlite'>, BatchItem<'sqlite'>] {
  return [
    db
      .delete(staffSessions)
      .where(and(eq(staffSessions.staffId, session.staffId), lt(staffSessions.expiresAt, session.createdAt))),
    db.insert(staffSessions).values(session),
  ];
}

/** One indexed read (the session's primary key, then the account's): every request pays it. */
export async function loadSessionAccount(db: Db, sessionId: string): Promise<SessionAccount | undefined> {
  return db
    .select({
      sessionId: staffSessions.id,
      staffId: staff.id,
      username: staff.username,
      displayName: staff.displayName,
      role: staff.role,
      departmentCode: staff.departmentCode,
      active: staff.active,
      expiresAt: staffSessions.expiresAt,
      endedAt: staffSessions.endedAt,
    })
    .from(staffSessions)
    .innerJoin(staff, eq(staff.id, staffSessions.staffId))
    .where(eq(staffSessions.id, sessionId))
    .get();
}

/** Ends one session (sign-out); ending an ended one changes nothing. True if it was live. */
export async function endOneSession(db: Db, sessionId: string, now: number): Promise<boolean> {
  const ended = await db
    .update(staffSessions)
    .set({ endedAt: now })
    .where(and(eq(staffSessions.id, sessionId), isNull(staffSessions.endedAt)))
    .returning({ id: staffSessions.id });
  return ended.length > 0;
}

/** Ends every live session of an account (password reset, disabled account). */
export function endAllSessionsStatement(db: Db, staffId: string, now: number) {
  return db
    .update(staffSessions)
    .set({ endedAt: now })
    .where(and(eq(staffSessions.staffId, staffId), gt(staffSessions.expiresAt, now), isNull(staffSessions.endedAt)));
}
