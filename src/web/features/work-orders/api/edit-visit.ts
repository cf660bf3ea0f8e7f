import type { Body } from '@shared/contracts/endpoint';
import { editVisit } from '@shared/contracts/field.contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { workOrdersKeys } from './keys';

export type EditVisitBody = Body<typeof editVisit>;

/** An office edit of an open visit: a note to the technician, the expected finish (complex faults), with version. */
export function editVisitRequest(visitId: string, body: EditVisitBody) {
  return call(editVisit, { params: { visitId }, body });
}

export function useEditVisit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ visitId, body }: { visitId: string; body: EditVisitBody }) => editVisitRequest(visitId, body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: workOrdersKeys.all }),
  });
}
