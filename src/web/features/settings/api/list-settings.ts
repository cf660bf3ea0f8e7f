import { listSettings } from '@shared/contracts/identity.contract';
import { useQuery } from '@tanstack/react-query';
import { call } from '@web/lib/api';

export const settingsKeys = {
  all: ['settings'] as const,
  list: (branchId: string | undefined) => ['settings', 'list', branchId ?? 'company'] as const,
};

export function listSettingsRequest(branchId: string | undefined, signal?: AbortSignal) {
  return call(listSettings, { query: { branchId }, signal });
}

/** Settings for the company (branchId undefined) or as seen by one branch. */
export function useSettings(branchId: string | undefined) {
  return useQuery({
    queryKey: settingsKeys.list(branchId),
    queryFn: ({ signal }) => listSettingsRequest(branchId, signal),
  });
}
