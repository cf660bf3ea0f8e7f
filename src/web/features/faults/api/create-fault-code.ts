import type { Body } from '@shared/contracts/endpoint';
import { createFaultCode } from '@shared/contracts/intake.contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { faultsKeys } from './keys';

export type CreateFaultCodeBody = Body<typeof createFaultCode>;

export function createFaultCodeRequest(body: CreateFaultCodeBody) {
  return call(createFaultCode, { body });
}

export function useCreateFaultCode() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createFaultCodeRequest,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: faultsKeys.all }),
  });
}
