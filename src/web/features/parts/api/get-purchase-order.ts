import { getPurchaseOrder } from '@shared/contracts/purchasing.contract';
import { useQuery } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { purchasingKeys } from './purchasing-keys';

export function getPurchaseOrderRequest(orderId: string, signal?: AbortSignal) {
  return call(getPurchaseOrder, { params: { orderId }, signal });
}

/** One purchase order: lines with quantities received, its receipts. */
export function usePurchaseOrder(orderId: string | undefined) {
  return useQuery({
    queryKey: purchasingKeys.order(orderId ?? ''),
    queryFn: ({ signal }) => getPurchaseOrderRequest(orderId as string, signal),
    enabled: Boolean(orderId),
  });
}
