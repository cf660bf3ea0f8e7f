import type { Body } from '@shared/contracts/endpoint';
import { createSupplier } from '@shared/contracts/purchasing.contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { purchasingKeys } from './purchasing-keys';

export type CreateSupplierBody = Body<typeof createSupplier>;

export function createSupplierRequest(body: CreateSupplierBody) {
  return call(createSupplier, { body });
}

export function useCreateSupplier() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateSupplierBody) => createSupplierRequest(body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: purchasingKeys.all });
    },
  });
}
