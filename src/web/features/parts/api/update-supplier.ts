import type { Body, Params } from '@shared/contracts/endpoint';
import { updateSupplier } from '@shared/contracts/purchasing.contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { purchasingKeys } from './purchasing-keys';

export type UpdateSupplierBody = Body<typeof updateSupplier>;
export type UpdateSupplierParams = Params<typeof updateSupplier>;

export function updateSupplierRequest(params: UpdateSupplierParams, body: UpdateSupplierBody) {
  return call(updateSupplier, { params, body });
}

export function useUpdateSupplier() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ params, body }: { params: UpdateSupplierParams; body: UpdateSupplierBody }) =>
      updateSupplierRequest(params, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: purchasingKeys.all });
    },
  });
}
