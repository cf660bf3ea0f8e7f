import { useQueryClient } from '@tanstack/react-query';
import { useT } from '@web/lib/i18n';
import { App } from 'antd';
import { useState } from 'react';
import { meQueryKey } from '../api/get-me';
import { logoutRequest } from '../api/logout';
import { noteSessionEnded } from '../session-end';

/** Log out, go to /login (without `next`), and forget every cached record of this user. */
export function useLogoutFlow() {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const t = useT();
  const [pending, setPending] = useState(false);

  const logout = async () => {
    setPending(true);
    try {
      await logoutRequest();
    } catch {
      // The session may be gone already; the user is logged out either way.
    }
    // The auth gate sees no user and goes to /login (without ?next=, as the user chose to leave).
    noteSessionEnded('logout');
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meQueryKey[0] });
    queryClient.setQueryData(meQueryKey, null);
    void message.success(t('auth.loggedOut'));
  };

  return { logout, pending };
}
