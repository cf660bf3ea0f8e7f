import type { Body } from '@shared/contracts/endpoint';
import { createPart } from '@shared/contracts/parts.contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { partsKeys } from './keys';

export type CreatePartBody = Body<typeof createPart>;

export function createPartRequest(body: CreatePartBody) {
  return call(createPart, { body });
}

export function useCreatePart() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreatePartBody) => createPartRequest(body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: partsKeys.all });
    },
  });
}
