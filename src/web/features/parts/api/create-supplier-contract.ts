import type { Body, Params } from '@shared/contracts/endpoint';
import { createSupplierContract } from '@shared/contracts/purchasing.contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { purchasingKeys } from './purchasing-keys';

export type CreateSupplierContractBody = Body<typeof createSupplierContract>;
export type CreateSupplierContractParams = Params<typeof createSupplierContract>;

export function createSupplierContractRequest(params: CreateSupplierContractParams, body: CreateSupplierContractBody) {
  return call(createSupplierContract, { params, body });
}

export function useCreateSupplierContract() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ params, body }: { params: CreateSupplierContractParams; body: CreateSupplierContractBody }) =>
      createSupplierContractRequest(params, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: purchasingKeys.all });
    },
  });
}
