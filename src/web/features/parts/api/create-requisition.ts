import type { Body } from '@shared/contracts/endpoint';
import { createRequisition } from '@shared/contracts/parts.contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { partsKeys } from './keys';

export type CreateRequisitionBody = Body<typeof createRequisition>;

export function createRequisitionRequest(body: CreateRequisitionBody) {
  return call(createRequisition, { body });
}

export function useCreateRequisition() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateRequisitionBody) => createRequisitionRequest(body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: partsKeys.all });
    },
  });
}
