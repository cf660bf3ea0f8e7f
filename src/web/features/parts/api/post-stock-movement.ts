import type { Body } from '@shared/contracts/endpoint';
import { postStockMovement } from '@shared/contracts/parts.contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { partsKeys } from './keys';

export type PostStockMovementBody = Body<typeof postStockMovement>;

export function postStockMovementRequest(body: PostStockMovementBody) {
  return call(postStockMovement, { body });
}

export function usePostStockMovement() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PostStockMovementBody) => postStockMovementRequest(body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: partsKeys.all });
    },
  });
}
