import { listMyAvailabilityRequests } from '@shared/contracts/dispatch.contract';
import type { Query } from '@shared/contracts/endpoint';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { techniciansKeys } from './keys';

export type ListMyAvailabilityQuery = Query<typeof listMyAvailabilityRequests>;

export function listMyAvailabilityRequestsRequest(query: ListMyAvailabilityQuery, signal?: AbortSignal) {
  return call(listMyAvailabilityRequests, { query, signal });
}

export function useMyAvailabilityRequests(query: ListMyAvailabilityQuery) {
  return useQuery({
    queryKey: [...techniciansKeys.myAvailability(), query],
    queryFn: ({ signal }) => listMyAvailabilityRequestsRequest(query, signal),
    placeholderData: keepPreviousData,
  });
}
