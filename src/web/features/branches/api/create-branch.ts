import type { Body } from '@shared/contracts/endpoint';
import { createBranch } from '@shared/contracts/identity.contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { branchesQueryKey } from './list-branches';

export type CreateBranchBody = Body<typeof createBranch>;

export function createBranchRequest(body: CreateBranchBody) {
  return call(createBranch, { body });
}

export function useCreateBranch() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createBranchRequest,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: branchesQueryKey }),
  });
}
