import type { Me } from '@shared/contracts/identity.contract';
import type { Permission } from '@shared/domain/roles';
import { createContext, type ReactNode, useContext } from 'react';

const CurrentUserContext = createContext<Me | null>(null);

/** Provided by the auth gate around every page that needs a login. */
export function CurrentUserProvider({ me, children }: { me: Me; children: ReactNode }) {
  return <CurrentUserContext.Provider value={me}>{children}</CurrentUserContext.Provider>;
}

/** The logged-in user; only inside the authenticated part of the app. */
export function useCurrentUser(): Me {
  const me = useContext(CurrentUserContext);
  if (!me) throw new Error('useCurrentUser must be used inside the auth gate');
  return me;
}

/** Whether the logged-in user holds a permission (me.permissions from the server is the truth). */
export function useCan(): (permission: Permission) => boolean {
  const me = useCurrentUser();
  return (permission) => me.permissions.includes(permission);
}
