import type { Body } from '@shared/contracts/endpoint';
import { scheduleFollowUpVisit } from '@shared/contracts/field.contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { workOrdersKeys } from './keys';

export type ScheduleFollowUpBody = Body<typeof scheduleFollowUpVisit>;

/**
 * Dispatch confirms a proposed follow-up visit for a window (the customer is told by SMS). `idempotencyKey`: one per
 * submission (a double click acts once); 409 DOUBLE_BOOKED when the window overlaps the technician's other
 * appointments (nothing changed).
 */
export function scheduleFollowUpVisitRequest(visitId: string, body: ScheduleFollowUpBody, idempotencyKey: string) {
  return call(scheduleFollowUpVisit, {
    params: { visitId },
    body,
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}

export function useScheduleFollowUpVisit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { visitId: string; body: ScheduleFollowUpBody; idempotencyKey: string }) =>
      scheduleFollowUpVisitRequest(v.visitId, v.body, v.idempotencyKey),
    onSettled: () => queryClient.invalidateQueries({ queryKey: workOrdersKeys.all }),
  });
}
