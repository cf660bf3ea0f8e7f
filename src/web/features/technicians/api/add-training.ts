import { addTraining } from '@shared/contracts/dispatch.contract';
import type { Body } from '@shared/contracts/endpoint';
import { useMutation } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { useOnDetailSaved } from './detail-mutation';

export type AddTrainingBody = Body<typeof addTraining>;

export function addTrainingRequest(technicianId: string, body: AddTrainingBody) {
  return call(addTraining, { params: { technicianId }, body });
}

export function useAddTraining() {
  const saved = useOnDetailSaved();
  return useMutation({
    mutationFn: ({ technicianId, body }: { technicianId: string; body: AddTrainingBody }) =>
      addTrainingRequest(technicianId, body),
    onSuccess: saved,
  });
}
