import type { Assignment } from '@shared/contracts/dispatch.contract';
import type { AssignmentRow, TechnicianRow } from './dispatch.repository';

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

export function toAssignment(a: AssignmentRow, tech: Pick<TechnicianRow, 'userId' | 'name' | 'staffNo'>): Assignment {
  return {
    id: a.id,
    workOrderId: a.workOrderId,
    workOrderNumber: a.workOrderNumber,
    technician: { id: tech.userId, name: tech.name, staffNo: tech.staffNo },
    state: a.state as Assignment['state'],
    window: { start: iso(a.startAt), end: iso(a.endAt) },
    etaAt: isoOrNull(a.etaAt),
    acceptedAt: isoOrNull(a.acceptedAt),
    contactedAt: isoOrNull(a.contactedAt),
    declineReason: a.declineReason,
    overrideReason: a.overrideReason,
    assignedByName: a.assignedByName,
    createdAt: iso(a.createdAt),
    version: a.version,
  };
}
