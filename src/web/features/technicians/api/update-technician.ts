import { updateTechnician } from '@shared/contracts/dispatch.contract';
import type { Body } from '@shared/contracts/endpoint';
import { useMutation } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { useOnDetailSaved } from './detail-mutation';

export type UpdateTechnicianBody = Body<typeof updateTechnician>;

export function updateTechnicianRequest(technicianId: string, body: UpdateTechnicianBody) {
  return call(updateTechnician, { params: { technicianId }, body });
}

export function useUpdateTechnician() {
  const saved = useOnDetailSaved();
  return useMutation({
    mutationFn: ({ technicianId, body }: { technicianId: string; body: UpdateTechnicianBody }) =>
      updateTechnicianRequest(technicianId, body),
    onSuccess: saved,
  });
}
