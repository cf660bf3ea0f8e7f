import type { Body } from '@shared/contracts/endpoint';
import { login } from '@shared/contracts/identity.contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { noteSessionEnded } from '../session-end';
import { meQueryKey } from './get-me';

export type LoginBody = Body<typeof login>;

export function loginRequest(body: LoginBody) {
  return call(login, { body });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: loginRequest,
    onSuccess: (me) => {
      noteSessionEnded(undefined);
      // Nothing of a previous user may survive into this session.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meQueryKey[0] });
      queryClient.setQueryData(meQueryKey, me);
    },
  });
}
