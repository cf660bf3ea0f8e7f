import type { Body, Params } from '@shared/contracts/endpoint';
import { cancelPurchaseOrder } from '@shared/contracts/purchasing.contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { purchasingKeys } from './purchasing-keys';

export type CancelPurchaseOrderBody = Body<typeof cancelPurchaseOrder>;
export type CancelPurchaseOrderParams = Params<typeof cancelPurchaseOrder>;

export function cancelPurchaseOrderRequest(params: CancelPurchaseOrderParams, body: CancelPurchaseOrderBody) {
  return call(cancelPurchaseOrder, { params, body });
}

export function useCancelPurchaseOrder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ params, body }: { params: CancelPurchaseOrderParams; body: CancelPurchaseOrderBody }) =>
      cancelPurchaseOrderRequest(params, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: purchasingKeys.all });
    },
  });
}
