import { declineAssignment } from '@shared/contracts/dispatch.contract';
import type { Body } from '@shared/contracts/endpoint';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { dispatchKeys } from './keys';

export type DeclineAssignmentBody = Body<typeof declineAssignment>;

/** 拒单: the technician declines with a reason (the order goes back to the queue). */
export function declineAssignmentRequest(assignmentId: string, body: DeclineAssignmentBody, idempotencyKey: string) {
  return call(declineAssignment, { params: { assignmentId }, body, headers: { 'Idempotency-Key': idempotencyKey } });
}

export function useDeclineAssignment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { assignmentId: string; body: DeclineAssignmentBody; idempotencyKey: string }) =>
      declineAssignmentRequest(v.assignmentId, v.body, v.idempotencyKey),
    onSettled: () => queryClient.invalidateQueries({ queryKey: dispatchKeys.all }),
  });
}
