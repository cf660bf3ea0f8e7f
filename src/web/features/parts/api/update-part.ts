import type { Body, Params } from '@shared/contracts/endpoint';
import { updatePart } from '@shared/contracts/parts.contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { partsKeys } from './keys';

export type UpdatePartBody = Body<typeof updatePart>;
export type UpdatePartParams = Params<typeof updatePart>;

export function updatePartRequest(params: UpdatePartParams, body: UpdatePartBody) {
  return call(updatePart, { params, body });
}

export function useUpdatePart() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ params, body }: { params: UpdatePartParams; body: UpdatePartBody }) =>
      updatePartRequest(params, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: partsKeys.all });
    },
  });
}
