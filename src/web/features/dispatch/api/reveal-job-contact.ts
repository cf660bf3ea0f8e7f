import { revealJobContact } from '@shared/contracts/dispatch.contract';
import { useMutation } from '@tanstack/react-query';
import { call } from '@web/lib/api';

export function revealJobContactRequest(assignmentId: string) {
  return call(revealJobContact, { params: { assignmentId }, body: {} });
}

/** The customer's full contact for my own job: audited on the server, kept in component state only (never cached). */
export function useRevealJobContact() {
  return useMutation({ mutationFn: (assignmentId: string) => revealJobContactRequest(assignmentId) });
}
