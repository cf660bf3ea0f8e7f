import type { Body } from '@shared/contracts/endpoint';
import { updateMyPreferences } from '@shared/contracts/identity.contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { meQueryKey } from './get-me';

export type UpdateMyPreferencesBody = Body<typeof updateMyPreferences>;

export function updateMyPreferencesRequest(body: UpdateMyPreferencesBody) {
  return call(updateMyPreferences, { body });
}

export function useUpdateMyPreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateMyPreferencesRequest,
    onSuccess: (me) => queryClient.setQueryData(meQueryKey, me),
  });
}
