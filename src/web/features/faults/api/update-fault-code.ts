import type { Body } from '@shared/contracts/endpoint';
import { updateFaultCode } from '@shared/contracts/intake.contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { faultsKeys } from './keys';

export type UpdateFaultCodeBody = Body<typeof updateFaultCode>;

export function updateFaultCodeRequest(faultCodeId: string, body: UpdateFaultCodeBody) {
  return call(updateFaultCode, { params: { faultCodeId }, body });
}

export function useUpdateFaultCode() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ faultCodeId, body }: { faultCodeId: string; body: UpdateFaultCodeBody }) =>
      updateFaultCodeRequest(faultCodeId, body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: faultsKeys.all }),
  });
}
