import type { Body, Params } from '@shared/contracts/endpoint';
import { approveRequisition } from '@shared/contracts/parts.contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { partsKeys } from './keys';

export type ApproveRequisitionBody = Body<typeof approveRequisition>;
export type ApproveRequisitionParams = Params<typeof approveRequisition>;

export function approveRequisitionRequest(params: ApproveRequisitionParams, body: ApproveRequisitionBody) {
  return call(approveRequisition, { params, body });
}

export function useApproveRequisition() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ params, body }: { params: ApproveRequisitionParams; body: ApproveRequisitionBody }) =>
      approveRequisitionRequest(params, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: partsKeys.all });
    },
  });
}
