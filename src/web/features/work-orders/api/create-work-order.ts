import type { Body } from '@shared/contracts/endpoint';
import { createWorkOrder } from '@shared/contracts/intake.contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { customersKeys } from '@web/features/customers/api/keys';
import { call } from '@web/lib/api';
import { workOrdersKeys } from './keys';

export type CreateWorkOrderBody = Body<typeof createWorkOrder>;

/**
 * `idempotencyKey`: one per form instance (a double submit or a retry after a network error creates one order;
 * the server rolls a failed attempt back, so a corrected resubmit may reuse it).
 */
export function createWorkOrderRequest(body: CreateWorkOrderBody, idempotencyKey: string) {
  return call(createWorkOrder, { body, headers: { 'Idempotency-Key': idempotencyKey } });
}

export function useCreateWorkOrder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: CreateWorkOrderBody; idempotencyKey: string }) =>
      createWorkOrderRequest(body, idempotencyKey),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: workOrdersKeys.all });
      void queryClient.invalidateQueries({ queryKey: customersKeys.all });
    },
  });
}
