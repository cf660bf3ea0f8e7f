import { listBranches } from '@shared/contracts/identity.contract';
import { useQuery } from '@tanstack/react-query';
import { call } from '@web/lib/api';

export const branchesQueryKey = ['branches'] as const;

export function listBranchesRequest(signal?: AbortSignal) {
  return call(listBranches, { signal });
}

/** All branches (a short list: no pagination). `enabled: false` when the user may not read them. */
export function useBranches(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: branchesQueryKey,
    queryFn: ({ signal }) => listBranchesRequest(signal),
    staleTime: 60_000,
    enabled: options.enabled ?? true,
  });
}
