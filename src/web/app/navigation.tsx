import {
  AppstoreOutlined,
  AuditOutlined,
  CarryOutOutlined,
  CheckSquareOutlined,
  ContainerOutlined,
  FileDoneOutlined,
  HeartOutlined,
  HomeOutlined,
  IdcardOutlined,
  InboxOutlined,
  MessageOutlined,
  PhoneOutlined,
  ProfileOutlined,
  SafetyOutlined,
  ScheduleOutlined,
  SettingOutlined,
  ShopOutlined,
  ShoppingCartOutlined,
  SolutionOutlined,
  TagsOutlined,
  TeamOutlined,
  ToolOutlined,
  UserOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import type { Permission } from '@shared/domain/roles';
import type { MessageKey } from '@web/lib/i18n';
import type { ReactNode } from 'react';

export type NavKey =
  | 'home'
  | 'hotline'
  | 'work-orders'
  | 'review'
  | 'board'
  | 'my-jobs'
  | 'my-availability'
  | 'technicians'
  | 'availability'
  | 'parts'
  | 'stock'
  | 'requisitions'
  | 'stocktakes'
  | 'stock-health'
  | 'suppliers'
  | 'purchasing'
  | 'privacy'
  | 'faults'
  | 'messages'
  | 'users'
  | 'branches'
  | 'settings'
  | 'audit'
  | 'account';

export interface NavItem {
  key: NavKey;
  path: string;
  label: MessageKey;
  icon: ReactNode;
  /** Needed to see the menu item and open the page; none = every logged-in user. */
  permission?: Permission;
}

/** The pages of the app, in menu order. The router and the menu both read this list. */
export const NAV_ITEMS: readonly NavItem[] = [
  { key: 'home', path: '/', label: 'menu.home', icon: <HomeOutlined /> },
  { key: 'my-jobs', path: '/me/jobs', label: 'menu.myJobs', icon: <CarryOutOutlined />, permission: 'jobs.own' },
  {
    key: 'my-availability',
    path: '/me/availability',
    label: 'menu.myAvailability',
    icon: <UserSwitchOutlined />,
    permission: 'jobs.own',
  },
  {
    key: 'hotline',
    path: '/intake/hotline',
    label: 'menu.hotline',
    icon: <PhoneOutlined />,
    permission: 'workorders.create',
  },
  {
    key: 'work-orders',
    path: '/work-orders',
    label: 'menu.workOrders',
    icon: <ProfileOutlined />,
    permission: 'workorders.read',
  },
  {
    key: 'review',
    path: '/dispatch/review',
    label: 'menu.review',
    icon: <FileDoneOutlined />,
    permission: 'workorders.review',
  },
  {
    key: 'board',
    path: '/dispatch/board',
    label: 'menu.board',
    icon: <ScheduleOutlined />,
    permission: 'dispatch.read',
  },
  {
    key: 'technicians',
    path: '/technicians',
    label: 'menu.technicians',
    icon: <IdcardOutlined />,
    permission: 'technicians.read',
  },
  {
    key: 'availability',
    path: '/technicians/availability',
    label: 'menu.availability',
    icon: <SolutionOutlined />,
    permission: 'technicians.read',
  },
  { key: 'parts', path: '/parts', label: 'menu.parts', icon: <AppstoreOutlined />, permission: 'parts.read' },
  { key: 'stock', path: '/parts/stock', label: 'menu.stock', icon: <InboxOutlined />, permission: 'parts.read' },
  {
    key: 'requisitions',
    path: '/parts/requisitions',
    label: 'menu.requisitions',
    icon: <ContainerOutlined />,
    permission: 'parts.read',
  },
  // Warehouse keepers and heads (both hold parts.manage); not technicians, who only read parts.
  {
    key: 'stocktakes',
    path: '/parts/stocktakes',
    label: 'menu.stocktakes',
    icon: <CheckSquareOutlined />,
    permission: 'parts.manage',
  },
  {
    key: 'stock-health',
    path: '/parts/health',
    label: 'menu.stockHealth',
    icon: <HeartOutlined />,
    permission: 'parts.manage',
  },
  // Purchasing: the warehouse (purchasing.manage) and the head (purchasing.approve) both hold parts.manage, which
  // a menu item can name; technicians (parts.read only) do not see it. Actions inside check purchasing.* / stock.move.
  {
    key: 'suppliers',
    path: '/parts/suppliers',
    label: 'menu.suppliers',
    icon: <TagsOutlined />,
    permission: 'parts.manage',
  },
  {
    key: 'purchasing',
    path: '/parts/purchasing',
    label: 'menu.purchasing',
    icon: <ShoppingCartOutlined />,
    permission: 'parts.manage',
  },
  {
    key: 'privacy',
    path: '/privacy-requests',
    label: 'menu.privacy',
    icon: <SafetyOutlined />,
    permission: 'privacy.manage',
  },
  { key: 'faults', path: '/admin/faults', label: 'menu.faults', icon: <ToolOutlined />, permission: 'faults.read' },
  {
    key: 'messages',
    path: '/admin/messages',
    label: 'menu.messages',
    icon: <MessageOutlined />,
    permission: 'messages.read',
  },
  { key: 'users', path: '/admin/users', label: 'menu.users', icon: <TeamOutlined />, permission: 'users.read' },
  // Every staff role may read branches (for pickers); the admin page is for those who manage them.
  {
    key: 'branches',
    path: '/admin/branches',
    label: 'menu.branches',
    icon: <ShopOutlined />,
    permission: 'branches.manage',
  },
  {
    key: 'settings',
    path: '/admin/settings',
    label: 'menu.settings',
    icon: <SettingOutlined />,
    permission: 'settings.read',
  },
  { key: 'audit', path: '/audit', label: 'menu.audit', icon: <AuditOutlined />, permission: 'audit.read' },
  { key: 'account', path: '/account', label: 'menu.account', icon: <UserOutlined /> },
];

export function navItem(key: NavKey): NavItem {
  const item = NAV_ITEMS.find((i) => i.key === key);
  if (!item) throw new Error(`unknown nav item ${key}`);
  return item;
}

export function allowedNavItems(permissions: readonly string[]): NavItem[] {
  return NAV_ITEMS.filter((i) => !i.permission || permissions.includes(i.permission));
}

/** The menu key for a location: the longest matching path. */
export function navKeyForPath(pathname: string): NavKey | undefined {
  let best: NavItem | undefined;
  for (const item of NAV_ITEMS) {
    const matches =
      item.path === '/' ? pathname === '/' : pathname === item.path || pathname.startsWith(`${item.path}/`);
    if (matches && (!best || item.path.length > best.path.length)) best = item;
  }
  return best?.key;
}
