import type { Actor } from './context';
import { AppError } from './errors';

/**
 * Object-level access, in one place. Branch scope now; later issues add "own jobs" (a technician
 * sees only their work orders) as further checks here.
 */
export function requireActor(actor: Actor | null): Actor {
  if (!actor) throw new AppError('UNAUTHENTICATED');
  return actor;
}

/** The branch an actor's reads are limited to: undefined = whole company, null = no branch (sees nothing scoped). */
export function branchScope(actor: Actor): string | null | undefined {
  return actor.companyWide ? undefined : actor.branchId;
}

/** May this actor act on an object of that branch? A mismatch is reported as NOT_FOUND (no existence leak). */
export function assertBranchAccess(actor: Actor | null, objectBranchId: string | null): void {
  const a = requireActor(actor);
  if (a.companyWide) return;
  if (!a.branchId || a.branchId !== objectBranchId) throw new AppError('NOT_FOUND');
}

export function canAccessBranch(actor: Actor, objectBranchId: string | null): boolean {
  return actor.companyWide || (actor.branchId !== null && actor.branchId === objectBranchId);
}
