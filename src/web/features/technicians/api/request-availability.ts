import { requestAvailability } from '@shared/contracts/dispatch.contract';
import type { Body } from '@shared/contracts/endpoint';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { techniciansKeys } from './keys';

export type RequestAvailabilityBody = Body<typeof requestAvailability>;

/** One `Idempotency-Key` per form instance: a double tap on a phone asks once. */
export function requestAvailabilityRequest(body: RequestAvailabilityBody, idempotencyKey: string) {
  return call(requestAvailability, { body, headers: { 'Idempotency-Key': idempotencyKey } });
}

export function useRequestAvailability() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: RequestAvailabilityBody; idempotencyKey: string }) =>
      requestAvailabilityRequest(body, idempotencyKey),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: techniciansKeys.myAvailability() }),
  });
}
