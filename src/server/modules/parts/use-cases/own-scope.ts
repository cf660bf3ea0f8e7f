import type { Actor } from '@server/platform/context';
import { hasPermission } from '@shared/domain/roles';

/**
 * Sees every requisition, old-part return and parts alert of the branch: approvers, issuers, managers of parts and
 * readers who ask for nothing themselves; the others (technicians) only their own.
 */
export function seesWholeBranch(actor: Actor): boolean {
  return (
    hasPermission(actor.roles, 'requisitions.approve') ||
    hasPermission(actor.roles, 'requisitions.issue') ||
    hasPermission(actor.roles, 'parts.manage') ||
    !hasPermission(actor.roles, 'requisitions.create')
  );
}
