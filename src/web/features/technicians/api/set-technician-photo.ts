import { setTechnicianPhoto } from '@shared/contracts/dispatch.contract';
import type { Body } from '@shared/contracts/endpoint';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { techniciansKeys } from './keys';

export type SetTechnicianPhotoBody = Body<typeof setTechnicianPhoto>;

export function setTechnicianPhotoRequest(technicianId: string, body: SetTechnicianPhotoBody) {
  return call(setTechnicianPhoto, { params: { technicianId }, body });
}

export function useSetTechnicianPhoto() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ technicianId, body }: { technicianId: string; body: SetTechnicianPhotoBody }) =>
      setTechnicianPhotoRequest(technicianId, body),
    onSuccess: (_ok, { technicianId }) => {
      void queryClient.invalidateQueries({ queryKey: techniciansKeys.detail(technicianId) });
      void queryClient.invalidateQueries({ queryKey: techniciansKeys.lists() });
    },
  });
}
