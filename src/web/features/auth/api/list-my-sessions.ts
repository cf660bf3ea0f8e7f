import { listMySessions } from '@shared/contracts/identity.contract';
import { useQuery } from '@tanstack/react-query';
import { call } from '@web/lib/api';

export const mySessionsQueryKey = ['auth', 'sessions'] as const;

export function listMySessionsRequest(signal?: AbortSignal) {
  return call(listMySessions, { signal });
}

export function useMySessions() {
  return useQuery({ queryKey: mySessionsQueryKey, queryFn: ({ signal }) => listMySessionsRequest(signal) });
}
