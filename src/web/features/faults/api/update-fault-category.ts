import type { Body } from '@shared/contracts/endpoint';
import { type FaultCategoryCode, updateFaultCategory } from '@shared/contracts/intake.contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { faultsKeys } from './keys';

export type UpdateFaultCategoryBody = Body<typeof updateFaultCategory>;

export function updateFaultCategoryRequest(code: FaultCategoryCode, body: UpdateFaultCategoryBody) {
  return call(updateFaultCategory, { params: { code }, body });
}

export function useUpdateFaultCategory() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ code, body }: { code: FaultCategoryCode; body: UpdateFaultCategoryBody }) =>
      updateFaultCategoryRequest(code, body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: faultsKeys.all }),
  });
}
