import type { Query } from '@shared/contracts/endpoint';
import { listPurchaseOrders } from '@shared/contracts/purchasing.contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { purchasingKeys } from './purchasing-keys';

export type ListPurchaseOrdersQuery = Query<typeof listPurchaseOrders>;

export function listPurchaseOrdersRequest(query: ListPurchaseOrdersQuery, signal?: AbortSignal) {
  return call(listPurchaseOrders, { query, signal });
}

/** Purchase orders of the visible locations: status, supplier, plan, overdue. */
export function usePurchaseOrders(query: ListPurchaseOrdersQuery, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...purchasingKeys.orders(), 'listPurchaseOrders', query],
    queryFn: ({ signal }) => listPurchaseOrdersRequest(query, signal),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}
