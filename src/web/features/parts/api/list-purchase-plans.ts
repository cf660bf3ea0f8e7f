import type { Query } from '@shared/contracts/endpoint';
import { listPurchasePlans } from '@shared/contracts/purchasing.contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { purchasingKeys } from './purchasing-keys';

export type ListPurchasePlansQuery = Query<typeof listPurchasePlans>;

export function listPurchasePlansRequest(query: ListPurchasePlansQuery, signal?: AbortSignal) {
  return call(listPurchasePlans, { query, signal });
}

/** Purchase plans of the visible locations, newest first. */
export function usePurchasePlans(query: ListPurchasePlansQuery, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...purchasingKeys.plans(), 'listPurchasePlans', query],
    queryFn: ({ signal }) => listPurchasePlansRequest(query, signal),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}
