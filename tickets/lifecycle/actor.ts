// Who acts on a ticket, and what the lifecycle needs to act: the types every lifecycle module shares.
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../../db/client';
import type { tickets } from '../../db/schema';

export type TicketRow = typeof tickets.$inferSelect;
export type StaffRole = 'admin' | 'dispatcher' | 'supervisor' | 'leader' | 'handler' | 'reviewer';

/** Who acts: a staff member, the hub itself (intake, import), or the resident (tracking page). */
export interface Actor {
  id: string | null;
  role: StaffRole | 'system' | 'resident';
  departmentCode: string | null;
}

export const systemActor: Actor = { id: null, role: 'system', departmentCode: null };
export const residentActor: Actor = { id: null, role: 'resident', departmentCode: null };

/** The 12345 centre and the hub itself: they see and steer every ticket. */
export const centreRoles: ReadonlySet<Actor['role']> = new Set(['admin', 'dispatcher', 'supervisor', 'system']);

export type Statement = BatchItem<'sqlite'>;

export interface LifecycleEnv {
  db: Db;
  env: Pick<Env, 'JOBS' | 'PUBLIC_BASE_URL' | 'JURISDICTION_CODE'>;
}
