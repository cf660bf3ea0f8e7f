import { getCustomer } from '@shared/contracts/customers.contract';
import { useQuery } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { customersKeys } from './keys';

export function getCustomerRequest(customerId: string, signal?: AbortSignal) {
  return call(getCustomer, { params: { customerId }, signal });
}

/** The customer card (masked for the caller); nothing is fetched without an id. */
export function useCustomer(customerId: string | undefined) {
  return useQuery({
    queryKey: customersKeys.detail(customerId ?? ''),
    queryFn: ({ signal }) => getCustomerRequest(customerId ?? '', signal),
    enabled: Boolean(customerId),
  });
}
