import type { Body, Params } from '@shared/contracts/endpoint';
import { updateSupplierEvaluation } from '@shared/contracts/purchasing.contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { purchasingKeys } from './purchasing-keys';

export type UpdateSupplierEvaluationBody = Body<typeof updateSupplierEvaluation>;
export type UpdateSupplierEvaluationParams = Params<typeof updateSupplierEvaluation>;

export function updateSupplierEvaluationRequest(
  params: UpdateSupplierEvaluationParams,
  body: UpdateSupplierEvaluationBody,
) {
  return call(updateSupplierEvaluation, { params, body });
}

export function useUpdateSupplierEvaluation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ params, body }: { params: UpdateSupplierEvaluationParams; body: UpdateSupplierEvaluationBody }) =>
      updateSupplierEvaluationRequest(params, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: purchasingKeys.all });
    },
  });
}
