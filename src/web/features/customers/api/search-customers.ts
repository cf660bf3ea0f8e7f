import { searchCustomers } from '@shared/contracts/customers.contract';
import type { Query } from '@shared/contracts/endpoint';
import { useQuery } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { customersKeys } from './keys';

export type SearchCustomersQuery = Query<typeof searchCustomers>;

export function searchCustomersRequest(query: SearchCustomersQuery, signal?: AbortSignal) {
  return call(searchCustomers, { query, signal });
}

/** Customers by full phone or exact full name; `enabled: false` until there is something to look for. */
export function useCustomerSearch(query: SearchCustomersQuery, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...customersKeys.searches(), query],
    queryFn: ({ signal }) => searchCustomersRequest(query, signal),
    enabled: options.enabled ?? true,
  });
}
