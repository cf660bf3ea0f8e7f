import type { Body } from '@shared/contracts/endpoint';
import { resetUserPassword } from '@shared/contracts/identity.contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { usersKeys } from './keys';

export type ResetUserPasswordBody = Body<typeof resetUserPassword>;

export function resetUserPasswordRequest(userId: string, body: ResetUserPasswordBody) {
  return call(resetUserPassword, { params: { userId }, body });
}

export function useResetUserPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, body }: { userId: string; body: ResetUserPasswordBody }) =>
      resetUserPasswordRequest(userId, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKeys.all }),
  });
}
