import { acceptAssignment } from '@shared/contracts/dispatch.contract';
import type { Body } from '@shared/contracts/endpoint';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { dispatchKeys } from './keys';

export type AcceptAssignmentBody = Body<typeof acceptAssignment>;

/** 接单: the technician accepts (the order becomes accepted). */
export function acceptAssignmentRequest(assignmentId: string, body: AcceptAssignmentBody, idempotencyKey: string) {
  return call(acceptAssignment, { params: { assignmentId }, body, headers: { 'Idempotency-Key': idempotencyKey } });
}

export function useAcceptAssignment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { assignmentId: string; body: AcceptAssignmentBody; idempotencyKey: string }) =>
      acceptAssignmentRequest(v.assignmentId, v.body, v.idempotencyKey),
    onSettled: () => queryClient.invalidateQueries({ queryKey: dispatchKeys.all }),
  });
}
