import type { Body, Params } from '@shared/contracts/endpoint';
import { cancelRequisition } from '@shared/contracts/parts.contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { partsKeys } from './keys';

export type CancelRequisitionBody = Body<typeof cancelRequisition>;
export type CancelRequisitionParams = Params<typeof cancelRequisition>;

export function cancelRequisitionRequest(params: CancelRequisitionParams, body: CancelRequisitionBody) {
  return call(cancelRequisition, { params, body });
}

export function useCancelRequisition() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ params, body }: { params: CancelRequisitionParams; body: CancelRequisitionBody }) =>
      cancelRequisitionRequest(params, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: partsKeys.all });
    },
  });
}
