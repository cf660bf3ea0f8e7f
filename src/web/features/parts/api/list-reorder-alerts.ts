import type { Query } from '@shared/contracts/endpoint';
import { listReorderAlerts } from '@shared/contracts/parts.contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { partsKeys } from './keys';

export type ListReorderAlertsQuery = Query<typeof listReorderAlerts>;

export function listReorderAlertsRequest(query: ListReorderAlertsQuery, signal?: AbortSignal) {
  return call(listReorderAlerts, { query, signal });
}

export function useReorderAlerts(query: ListReorderAlertsQuery, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...partsKeys.stock(), 'listReorderAlerts', query],
    queryFn: ({ signal }) => listReorderAlertsRequest(query, signal),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}
