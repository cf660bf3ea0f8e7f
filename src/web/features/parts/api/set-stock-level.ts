import type { Body, Params } from '@shared/contracts/endpoint';
import { setStockLevel } from '@shared/contracts/parts.contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { partsKeys } from './keys';

export type SetStockLevelBody = Body<typeof setStockLevel>;
export type SetStockLevelParams = Params<typeof setStockLevel>;

export function setStockLevelRequest(params: SetStockLevelParams, body: SetStockLevelBody) {
  return call(setStockLevel, { params, body });
}

export function useSetStockLevel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ params, body }: { params: SetStockLevelParams; body: SetStockLevelBody }) =>
      setStockLevelRequest(params, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: partsKeys.all });
    },
  });
}
