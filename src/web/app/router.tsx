import type { Permission } from '@shared/domain/roles';
import { NotFoundPage } from '@web/routes/errors/not-found-page';
import { RouteErrorPage } from '@web/routes/errors/route-error-page';
import { type ComponentType, lazy, Suspense } from 'react';
import { createBrowserRouter } from 'react-router';
import { AuthGate, FullPageSpin } from './auth-gate';
import { AppLayout } from './layouts/app-layout';
import { type NavKey, navItem } from './navigation';
import { RequirePermission } from './require-permission';

const LoginPage = lazy(() => import('@web/routes/auth/login-page').then((m) => ({ default: m.LoginPage })));
const HomePage = lazy(() => import('@web/routes/home/home-page').then((m) => ({ default: m.HomePage })));
const UsersPage = lazy(() => import('@web/routes/users/users-page').then((m) => ({ default: m.UsersPage })));
const BranchesPage = lazy(() =>
  import('@web/routes/branches/branches-page').then((m) => ({ default: m.BranchesPage })),
);
const SettingsPage = lazy(() =>
  import('@web/routes/settings/settings-page').then((m) => ({ default: m.SettingsPage })),
);
const AuditLogPage = lazy(() => import('@web/routes/audit/audit-log-page').then((m) => ({ default: m.AuditLogPage })));
const AccountPage = lazy(() => import('@web/routes/account/account-page').then((m) => ({ default: m.AccountPage })));

/** A page of the menu, guarded by the menu item's permission (403 page when missing). */
function page(key: NavKey, Component: ComponentType) {
  const item = navItem(key);
  const permission: Permission | undefined = item.permission;
  return (
    <RequirePermission permission={permission}>
      <Component />
    </RequirePermission>
  );
}

export const router = createBrowserRouter([
  {
    path: '/login',
    element: (
      <Suspense fallback={<FullPageSpin />}>
        <LoginPage />
      </Suspense>
    ),
    errorElement: <RouteErrorPage />,
  },
  {
    path: '/',
    element: (
      <AuthGate>
        <AppLayout />
      </AuthGate>
    ),
    errorElement: <RouteErrorPage />,
    children: [
      { index: true, element: page('home', HomePage) },
      { path: 'admin/users', element: page('users', UsersPage) },
      { path: 'admin/branches', element: page('branches', BranchesPage) },
      { path: 'admin/settings', element: page('settings', SettingsPage) },
      { path: 'audit', element: page('audit', AuditLogPage) },
      { path: 'account', element: page('account', AccountPage) },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
