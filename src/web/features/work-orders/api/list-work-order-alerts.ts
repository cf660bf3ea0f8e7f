import type { Query } from '@shared/contracts/endpoint';
import { listWorkOrderAlerts } from '@shared/contracts/intake.contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { workOrdersKeys } from './keys';

export type ListAlertsQuery = Query<typeof listWorkOrderAlerts>;

export function listWorkOrderAlertsRequest(query: ListAlertsQuery, signal?: AbortSignal) {
  return call(listWorkOrderAlerts, { query, signal });
}

/** Work-order alerts (any kind; `kind` narrows) for the dispatch screens, polled every `refetchInterval` ms. */
export function useWorkOrderAlerts(
  query: ListAlertsQuery,
  options: { enabled?: boolean; refetchInterval?: number } = {},
) {
  return useQuery({
    queryKey: [...workOrdersKeys.alerts(), query],
    queryFn: ({ signal }) => listWorkOrderAlertsRequest(query, signal),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
    refetchInterval: options.refetchInterval ?? false,
  });
}
