import { reportLate } from '@shared/contracts/dispatch.contract';
import type { Body } from '@shared/contracts/endpoint';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { dispatchKeys } from './keys';

export type ReportLateBody = Body<typeof reportLate>;

/** 将迟到: the new arrival time goes to the customer; dispatch gets an alert. */
export function reportLateRequest(assignmentId: string, body: ReportLateBody, idempotencyKey: string) {
  return call(reportLate, { params: { assignmentId }, body, headers: { 'Idempotency-Key': idempotencyKey } });
}

export function useReportLate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { assignmentId: string; body: ReportLateBody; idempotencyKey: string }) =>
      reportLateRequest(v.assignmentId, v.body, v.idempotencyKey),
    onSettled: () => queryClient.invalidateQueries({ queryKey: dispatchKeys.all }),
  });
}
