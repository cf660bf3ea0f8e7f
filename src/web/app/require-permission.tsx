import type { Permission } from '@shared/domain/roles';
import { useCurrentUser } from '@web/features/auth/hooks/use-current-user';
import { ForbiddenPage } from '@web/routes/errors/forbidden-page';
import type { ReactNode } from 'react';

/** Shows the 403 page instead of `children` when the user lacks the permission. */
export function RequirePermission({ permission, children }: { permission?: Permission; children: ReactNode }) {
  const me = useCurrentUser();
  if (permission && !me.permissions.includes(permission)) return <ForbiddenPage />;
  return <>{children}</>;
}
