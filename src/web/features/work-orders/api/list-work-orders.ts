import type { Query } from '@shared/contracts/endpoint';
import { listWorkOrders } from '@shared/contracts/intake.contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { workOrdersKeys } from './keys';

export type ListWorkOrdersQuery = Query<typeof listWorkOrders>;

export function listWorkOrdersRequest(query: ListWorkOrdersQuery, signal?: AbortSignal) {
  return call(listWorkOrders, { query, signal });
}

export function useWorkOrders(
  query: ListWorkOrdersQuery,
  options: { enabled?: boolean; refetchInterval?: number | false } = {},
) {
  return useQuery({
    queryKey: [...workOrdersKeys.lists(), query],
    queryFn: ({ signal }) => listWorkOrdersRequest(query, signal),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
    refetchInterval: options.refetchInterval ?? false,
  });
}
