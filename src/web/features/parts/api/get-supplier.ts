import { getSupplier } from '@shared/contracts/purchasing.contract';
import { useQuery } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { purchasingKeys } from './purchasing-keys';

export function getSupplierRequest(supplierId: string, signal?: AbortSignal) {
  return call(getSupplier, { params: { supplierId }, signal });
}

/** One supplier: contacts, contracts with prices and file, recent evaluations. */
export function useSupplier(supplierId: string | undefined) {
  return useQuery({
    queryKey: purchasingKeys.supplier(supplierId ?? ''),
    queryFn: ({ signal }) => getSupplierRequest(supplierId as string, signal),
    enabled: Boolean(supplierId),
  });
}
