import type { Body } from '@shared/contracts/endpoint';
import { createPurchasePlan } from '@shared/contracts/purchasing.contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { purchasingKeys } from './purchasing-keys';

export type CreatePurchasePlanBody = Body<typeof createPurchasePlan>;

export function createPurchasePlanRequest(body: CreatePurchasePlanBody) {
  return call(createPurchasePlan, { body });
}

export function useCreatePurchasePlan() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreatePurchasePlanBody) => createPurchasePlanRequest(body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: purchasingKeys.all });
    },
  });
}
