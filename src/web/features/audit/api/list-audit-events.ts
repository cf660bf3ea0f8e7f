import type { Query } from '@shared/contracts/endpoint';
import { listAuditEvents } from '@shared/contracts/identity.contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { call } from '@web/lib/api';

export type ListAuditEventsQuery = Query<typeof listAuditEvents>;

export function listAuditEventsRequest(query: ListAuditEventsQuery, signal?: AbortSignal) {
  return call(listAuditEvents, { query, signal });
}

export function useAuditEvents(query: ListAuditEventsQuery) {
  return useQuery({
    queryKey: ['audit', 'list', query],
    queryFn: ({ signal }) => listAuditEventsRequest(query, signal),
    placeholderData: keepPreviousData,
  });
}
