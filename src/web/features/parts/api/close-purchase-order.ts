import type { Body, Params } from '@shared/contracts/endpoint';
import { closePurchaseOrder } from '@shared/contracts/purchasing.contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { purchasingKeys } from './purchasing-keys';

export type ClosePurchaseOrderBody = Body<typeof closePurchaseOrder>;
export type ClosePurchaseOrderParams = Params<typeof closePurchaseOrder>;

export function closePurchaseOrderRequest(params: ClosePurchaseOrderParams, body: ClosePurchaseOrderBody) {
  return call(closePurchaseOrder, { params, body });
}

export function useClosePurchaseOrder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ params, body }: { params: ClosePurchaseOrderParams; body: ClosePurchaseOrderBody }) =>
      closePurchaseOrderRequest(params, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: purchasingKeys.all });
    },
  });
}
