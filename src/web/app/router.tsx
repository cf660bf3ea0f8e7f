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
const HotlinePage = lazy(() => import('@web/routes/intake/hotline-page').then((m) => ({ default: m.HotlinePage })));
const WorkOrdersPage = lazy(() =>
  import('@web/routes/work-orders/work-orders-page').then((m) => ({ default: m.WorkOrdersPage })),
);
const WorkOrderDetailPage = lazy(() =>
  import('@web/routes/work-orders/work-order-detail-page').then((m) => ({ default: m.WorkOrderDetailPage })),
);
const ReviewQueuePage = lazy(() =>
  import('@web/routes/dispatch/review-queue-page').then((m) => ({ default: m.ReviewQueuePage })),
);
const DispatchBoardPage = lazy(() =>
  import('@web/routes/dispatch/board-page').then((m) => ({ default: m.DispatchBoardPage })),
);
const MyJobsPage = lazy(() => import('@web/routes/me/my-jobs-page').then((m) => ({ default: m.MyJobsPage })));
const VisitPage = lazy(() => import('@web/routes/me/visit-page').then((m) => ({ default: m.VisitPage })));
const MyAvailabilityPage = lazy(() =>
  import('@web/routes/me/my-availability-page').then((m) => ({ default: m.MyAvailabilityPage })),
);
const TechniciansPage = lazy(() =>
  import('@web/routes/technicians/technicians-page').then((m) => ({ default: m.TechniciansPage })),
);
const TechnicianDetailPage = lazy(() =>
  import('@web/routes/technicians/technician-detail-page').then((m) => ({ default: m.TechnicianDetailPage })),
);
const AvailabilityRequestsPage = lazy(() =>
  import('@web/routes/technicians/availability-requests-page').then((m) => ({ default: m.AvailabilityRequestsPage })),
);
const PartsPage = lazy(() => import('@web/routes/parts/parts-page').then((m) => ({ default: m.PartsPage })));
const StockPage = lazy(() => import('@web/routes/parts/stock-page').then((m) => ({ default: m.StockPage })));
const RequisitionsPage = lazy(() =>
  import('@web/routes/parts/requisitions-page').then((m) => ({ default: m.RequisitionsPage })),
);
const StocktakesPage = lazy(() =>
  import('@web/routes/parts/stocktakes-page').then((m) => ({ default: m.StocktakesPage })),
);
const StockHealthPage = lazy(() =>
  import('@web/routes/parts/stock-health-page').then((m) => ({ default: m.StockHealthPage })),
);
const SuppliersPage = lazy(() =>
  import('@web/routes/parts/suppliers-page').then((m) => ({ default: m.SuppliersPage })),
);
const PurchasingPage = lazy(() =>
  import('@web/routes/parts/purchasing-page').then((m) => ({ default: m.PurchasingPage })),
);
const CustomerPage = lazy(() =>
  import('@web/routes/customers/customer-page').then((m) => ({ default: m.CustomerPage })),
);
const PrivacyRequestsPage = lazy(() =>
  import('@web/routes/privacy/privacy-requests-page').then((m) => ({ default: m.PrivacyRequestsPage })),
);
const FaultsPage = lazy(() => import('@web/routes/faults/faults-page').then((m) => ({ default: m.FaultsPage })));
const MessagesPage = lazy(() =>
  import('@web/routes/messages/messages-page').then((m) => ({ default: m.MessagesPage })),
);

// Public pages (no login, no staff layout): the customer's repair, tracking and quote approval pages.
const RepairPage = lazy(() => import('@web/routes/public/repair-page').then((m) => ({ default: m.RepairPage })));
const TrackPage = lazy(() => import('@web/routes/public/track-page').then((m) => ({ default: m.TrackPage })));
const ApprovePage = lazy(() => import('@web/routes/public/approve-page').then((m) => ({ default: m.ApprovePage })));

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

/** A page outside the menu (a detail page), guarded by its own permission. */
function guarded(permission: Permission, Component: ComponentType) {
  return (
    <RequirePermission permission={permission}>
      <Component />
    </RequirePermission>
  );
}

export const router = createBrowserRouter([
  {
    path: '/repair',
    element: (
      <Suspense fallback={<FullPageSpin />}>
        <RepairPage />
      </Suspense>
    ),
    errorElement: <RouteErrorPage />,
  },
  {
    path: '/track',
    element: (
      <Suspense fallback={<FullPageSpin />}>
        <TrackPage />
      </Suspense>
    ),
    errorElement: <RouteErrorPage />,
  },
  {
    path: '/approve',
    element: (
      <Suspense fallback={<FullPageSpin />}>
        <ApprovePage />
      </Suspense>
    ),
    errorElement: <RouteErrorPage />,
  },
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
      { path: 'intake/hotline', element: page('hotline', HotlinePage) },
      { path: 'work-orders', element: page('work-orders', WorkOrdersPage) },
      { path: 'work-orders/:workOrderId', element: page('work-orders', WorkOrderDetailPage) },
      { path: 'dispatch/review', element: page('review', ReviewQueuePage) },
      { path: 'dispatch/board', element: page('board', DispatchBoardPage) },
      { path: 'me/jobs', element: page('my-jobs', MyJobsPage) },
      { path: 'me/visits/:visitId', element: page('my-jobs', VisitPage) },
      { path: 'me/availability', element: page('my-availability', MyAvailabilityPage) },
      { path: 'technicians', element: page('technicians', TechniciansPage) },
      { path: 'technicians/availability', element: page('availability', AvailabilityRequestsPage) },
      { path: 'technicians/:technicianId', element: page('technicians', TechnicianDetailPage) },
      { path: 'parts', element: page('parts', PartsPage) },
      { path: 'parts/stock', element: page('stock', StockPage) },
      { path: 'parts/requisitions', element: page('requisitions', RequisitionsPage) },
      { path: 'parts/stocktakes', element: page('stocktakes', StocktakesPage) },
      { path: 'parts/stocktakes/:stocktakeId', element: page('stocktakes', StocktakesPage) },
      { path: 'parts/health', element: page('stock-health', StockHealthPage) },
      { path: 'parts/suppliers', element: page('suppliers', SuppliersPage) },
      { path: 'parts/purchasing', element: page('purchasing', PurchasingPage) },
      { path: 'customers/:customerId', element: guarded('customers.read', CustomerPage) },
      { path: 'privacy-requests', element: page('privacy', PrivacyRequestsPage) },
      { path: 'admin/faults', element: page('faults', FaultsPage) },
      { path: 'admin/messages', element: page('messages', MessagesPage) },
      { path: 'admin/users', element: page('users', UsersPage) },
      { path: 'admin/branches', element: page('branches', BranchesPage) },
      { path: 'admin/settings', element: page('settings', SettingsPage) },
      { path: 'audit', element: page('audit', AuditLogPage) },
      { path: 'account', element: page('account', AccountPage) },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
