import type { Body } from '@shared/contracts/endpoint';
import { createUser } from '@shared/contracts/identity.contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { usersKeys } from './keys';

export type CreateUserBody = Body<typeof createUser>;

export function createUserRequest(body: CreateUserBody) {
  return call(createUser, { body });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createUserRequest,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKeys.all }),
  });
}
