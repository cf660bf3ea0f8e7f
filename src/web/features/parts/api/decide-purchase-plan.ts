import type { Body, Params } from '@shared/contracts/endpoint';
import { decidePurchasePlan } from '@shared/contracts/purchasing.contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { purchasingKeys } from './purchasing-keys';

export type DecidePurchasePlanBody = Body<typeof decidePurchasePlan>;
export type DecidePurchasePlanParams = Params<typeof decidePurchasePlan>;

export function decidePurchasePlanRequest(params: DecidePurchasePlanParams, body: DecidePurchasePlanBody) {
  return call(decidePurchasePlan, { params, body });
}

export function useDecidePurchasePlan() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ params, body }: { params: DecidePurchasePlanParams; body: DecidePurchasePlanBody }) =>
      decidePurchasePlanRequest(params, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: purchasingKeys.all });
    },
  });
}
