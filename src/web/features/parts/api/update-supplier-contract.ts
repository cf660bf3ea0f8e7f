import type { Body, Params } from '@shared/contracts/endpoint';
import { updateSupplierContract } from '@shared/contracts/purchasing.contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { purchasingKeys } from './purchasing-keys';

export type UpdateSupplierContractBody = Body<typeof updateSupplierContract>;
export type UpdateSupplierContractParams = Params<typeof updateSupplierContract>;

export function updateSupplierContractRequest(params: UpdateSupplierContractParams, body: UpdateSupplierContractBody) {
  return call(updateSupplierContract, { params, body });
}

export function useUpdateSupplierContract() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ params, body }: { params: UpdateSupplierContractParams; body: UpdateSupplierContractBody }) =>
      updateSupplierContractRequest(params, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: purchasingKeys.all });
    },
  });
}
