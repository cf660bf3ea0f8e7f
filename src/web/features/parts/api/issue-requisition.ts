import type { Body, Params } from '@shared/contracts/endpoint';
import { issueRequisition } from '@shared/contracts/parts.contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { partsKeys } from './keys';

export type IssueRequisitionBody = Body<typeof issueRequisition>;
export type IssueRequisitionParams = Params<typeof issueRequisition>;

export function issueRequisitionRequest(params: IssueRequisitionParams, body: IssueRequisitionBody) {
  return call(issueRequisition, { params, body });
}

export function useIssueRequisition() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ params, body }: { params: IssueRequisitionParams; body: IssueRequisitionBody }) =>
      issueRequisitionRequest(params, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: partsKeys.all });
    },
  });
}
