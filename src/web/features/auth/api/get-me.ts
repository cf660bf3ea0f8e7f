import { getMe, type Me } from '@shared/contracts/identity.contract';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { call, isApiError } from '@web/lib/api';

export const meQueryKey = ['auth', 'me'] as const;

/** The logged-in user, or null when there is no session (a 401 here is not an error). */
export async function getMeRequest(signal?: AbortSignal): Promise<Me | null> {
  try {
    return await call(getMe, { signal, silent401: true });
  } catch (e) {
    if (isApiError(e) && e.status === 401) return null;
    throw e;
  }
}

export const meQuery = queryOptions({
  queryKey: meQueryKey,
  queryFn: ({ signal }) => getMeRequest(signal),
  staleTime: 60_000,
  refetchOnWindowFocus: true,
  retry: (count, error) => !(isApiError(error) && error.status < 500) && count < 2,
});

export function useMe() {
  return useQuery(meQuery);
}
