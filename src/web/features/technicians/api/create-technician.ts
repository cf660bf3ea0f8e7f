import { createTechnician } from '@shared/contracts/dispatch.contract';
import type { Body } from '@shared/contracts/endpoint';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { techniciansKeys } from './keys';

export type CreateTechnicianBody = Body<typeof createTechnician>;

export function createTechnicianRequest(body: CreateTechnicianBody) {
  return call(createTechnician, { body });
}

export function useCreateTechnician() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createTechnicianRequest,
    onSuccess: (detail) => {
      queryClient.setQueryData(techniciansKeys.detail(detail.id), detail);
      void queryClient.invalidateQueries({ queryKey: techniciansKeys.lists() });
    },
  });
}
