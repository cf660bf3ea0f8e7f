import { listFaultCategories } from '@shared/contracts/intake.contract';
import { useQuery } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { faultsKeys } from './keys';

export function listFaultCategoriesRequest(includeInactive: boolean, signal?: AbortSignal) {
  return call(listFaultCategories, { query: includeInactive ? { includeInactive: 'true' } : {}, signal });
}

/** The fault catalog (categories with all brands' codes); changes rarely, so it is cached for 5 minutes. */
export function useFaultCategories(options: { includeInactive?: boolean; enabled?: boolean } = {}) {
  const includeInactive = options.includeInactive ?? false;
  return useQuery({
    queryKey: faultsKeys.categories(includeInactive),
    queryFn: ({ signal }) => listFaultCategoriesRequest(includeInactive, signal),
    staleTime: 5 * 60_000,
    enabled: options.enabled ?? true,
  });
}
