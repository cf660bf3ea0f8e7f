import type { Body } from '@shared/contracts/endpoint';
import { computeSupplierEvaluations } from '@shared/contracts/purchasing.contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { purchasingKeys } from './purchasing-keys';

export type ComputeSupplierEvaluationsBody = Body<typeof computeSupplierEvaluations>;

export function computeSupplierEvaluationsRequest(body: ComputeSupplierEvaluationsBody) {
  return call(computeSupplierEvaluations, { body });
}

export function useComputeSupplierEvaluations() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ComputeSupplierEvaluationsBody) => computeSupplierEvaluationsRequest(body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: purchasingKeys.all });
    },
  });
}
