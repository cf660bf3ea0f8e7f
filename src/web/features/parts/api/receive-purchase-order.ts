import type { Body, Params } from '@shared/contracts/endpoint';
import { receivePurchaseOrder } from '@shared/contracts/purchasing.contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { partsKeys } from './keys';

export type ReceivePurchaseOrderBody = Body<typeof receivePurchaseOrder>;
export type ReceivePurchaseOrderParams = Params<typeof receivePurchaseOrder>;

export function receivePurchaseOrderRequest(params: ReceivePurchaseOrderParams, body: ReceivePurchaseOrderBody) {
  return call(receivePurchaseOrder, { params, body });
}

/** Goods in against an order: the stock pages refresh too (the whole parts cache). */
export function useReceivePurchaseOrder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ params, body }: { params: ReceivePurchaseOrderParams; body: ReceivePurchaseOrderBody }) =>
      receivePurchaseOrderRequest(params, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: partsKeys.all });
    },
  });
}
