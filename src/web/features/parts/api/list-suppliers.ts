import type { Query } from '@shared/contracts/endpoint';
import { listSuppliers } from '@shared/contracts/purchasing.contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { purchasingKeys } from './purchasing-keys';

export type ListSuppliersQuery = Query<typeof listSuppliers>;

export function listSuppliersRequest(query: ListSuppliersQuery, signal?: AbortSignal) {
  return call(listSuppliers, { query, signal });
}

/** Suppliers: search, active filter; current contracts and latest total score. */
export function useSuppliers(query: ListSuppliersQuery, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...purchasingKeys.suppliers(), 'listSuppliers', query],
    queryFn: ({ signal }) => listSuppliersRequest(query, signal),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}
