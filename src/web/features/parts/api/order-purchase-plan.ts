import type { Body, Params } from '@shared/contracts/endpoint';
import { orderPurchasePlan } from '@shared/contracts/purchasing.contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { purchasingKeys } from './purchasing-keys';

export type OrderPurchasePlanBody = Body<typeof orderPurchasePlan>;
export type OrderPurchasePlanParams = Params<typeof orderPurchasePlan>;

export function orderPurchasePlanRequest(params: OrderPurchasePlanParams, body: OrderPurchasePlanBody) {
  return call(orderPurchasePlan, { params, body });
}

export function useOrderPurchasePlan() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ params, body }: { params: OrderPurchasePlanParams; body: OrderPurchasePlanBody }) =>
      orderPurchasePlanRequest(params, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: purchasingKeys.all });
    },
  });
}
