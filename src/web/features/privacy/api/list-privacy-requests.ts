import { listPrivacyRequests } from '@shared/contracts/customers.contract';
import type { Query } from '@shared/contracts/endpoint';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { privacyKeys } from './keys';

export type ListPrivacyRequestsQuery = Query<typeof listPrivacyRequests>;

export function listPrivacyRequestsRequest(query: ListPrivacyRequestsQuery, signal?: AbortSignal) {
  return call(listPrivacyRequests, { query, signal });
}

export function usePrivacyRequests(query: ListPrivacyRequestsQuery) {
  return useQuery({
    queryKey: [...privacyKeys.lists(), query],
    queryFn: ({ signal }) => listPrivacyRequestsRequest(query, signal),
    placeholderData: keepPreviousData,
  });
}
