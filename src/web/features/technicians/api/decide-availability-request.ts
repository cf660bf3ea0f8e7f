import { decideAvailabilityRequest } from '@shared/contracts/dispatch.contract';
import type { Body } from '@shared/contracts/endpoint';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { techniciansKeys } from './keys';

export type DecideAvailabilityBody = Body<typeof decideAvailabilityRequest>;

export function decideAvailabilityRequestRequest(entryId: string, body: DecideAvailabilityBody) {
  return call(decideAvailabilityRequest, { params: { entryId }, body });
}

export function useDecideAvailabilityRequest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ entryId, body }: { entryId: string; body: DecideAvailabilityBody }) =>
      decideAvailabilityRequestRequest(entryId, body),
    onSettled: (res) => {
      void queryClient.invalidateQueries({ queryKey: techniciansKeys.availability() });
      if (res) void queryClient.invalidateQueries({ queryKey: techniciansKeys.detail(res.technicianId) });
    },
  });
}
