import type { Body } from '@shared/contracts/endpoint';
import { updateUser } from '@shared/contracts/identity.contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { usersKeys } from './keys';

export type UpdateUserBody = Body<typeof updateUser>;

export function updateUserRequest(userId: string, body: UpdateUserBody) {
  return call(updateUser, { params: { userId }, body });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, body }: { userId: string; body: UpdateUserBody }) => updateUserRequest(userId, body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: usersKeys.all }),
  });
}
