import { logout } from '@shared/contracts/identity.contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { noteSessionEnded } from '../session-end';
import { meQueryKey } from './get-me';

/** A 401 here only means the session was gone already: not a reason to show "session expired". */
export function logoutRequest() {
  return call(logout, { silent401: true });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logoutRequest,
    // Forget the user whether or not the server still knew the session.
    onSettled: () => {
      noteSessionEnded('logout');
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meQueryKey[0] });
      queryClient.setQueryData(meQueryKey, null);
    },
  });
}
