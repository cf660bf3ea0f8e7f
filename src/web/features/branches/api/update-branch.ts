import type { Body } from '@shared/contracts/endpoint';
import { updateBranch } from '@shared/contracts/identity.contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { branchesQueryKey } from './list-branches';

export type UpdateBranchBody = Body<typeof updateBranch>;

export function updateBranchRequest(branchId: string, body: UpdateBranchBody) {
  return call(updateBranch, { params: { branchId }, body });
}

export function useUpdateBranch() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ branchId, body }: { branchId: string; body: UpdateBranchBody }) =>
      updateBranchRequest(branchId, body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: branchesQueryKey }),
  });
}
