import type { Body, Params } from '@shared/contracts/endpoint';
import { reverseStockMovement } from '@shared/contracts/parts.contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { partsKeys } from './keys';

export type ReverseStockMovementBody = Body<typeof reverseStockMovement>;
export type ReverseStockMovementParams = Params<typeof reverseStockMovement>;

export function reverseStockMovementRequest(params: ReverseStockMovementParams, body: ReverseStockMovementBody) {
  return call(reverseStockMovement, { params, body });
}

export function useReverseStockMovement() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ params, body }: { params: ReverseStockMovementParams; body: ReverseStockMovementBody }) =>
      reverseStockMovementRequest(params, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: partsKeys.all });
    },
  });
}
