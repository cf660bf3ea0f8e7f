import type { Body } from '@shared/contracts/endpoint';
import { updateSetting } from '@shared/contracts/identity.contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { settingsKeys } from './list-settings';

export type UpdateSettingBody = Body<typeof updateSetting>;

/** Set a value (company-wide when branchId is null); `value: null` clears it. */
export function updateSettingRequest(key: string, body: UpdateSettingBody) {
  return call(updateSetting, { params: { key }, body });
}

export function useUpdateSetting() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ key, body }: { key: string; body: UpdateSettingBody }) => updateSettingRequest(key, body),
    // A company value changes what every branch sees: refresh all scopes.
    onSettled: () => queryClient.invalidateQueries({ queryKey: settingsKeys.all }),
  });
}
