import { listAvailabilityRequests } from '@shared/contracts/dispatch.contract';
import type { Query } from '@shared/contracts/endpoint';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { techniciansKeys } from './keys';

export type ListAvailabilityQuery = Query<typeof listAvailabilityRequests>;

export function listAvailabilityRequestsRequest(query: ListAvailabilityQuery, signal?: AbortSignal) {
  return call(listAvailabilityRequests, { query, signal });
}

/** The branch's availability requests (pending by default); polled so a new request shows up. */
export function useAvailabilityRequests(query: ListAvailabilityQuery) {
  return useQuery({
    queryKey: [...techniciansKeys.availability(), query],
    queryFn: ({ signal }) => listAvailabilityRequestsRequest(query, signal),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}
