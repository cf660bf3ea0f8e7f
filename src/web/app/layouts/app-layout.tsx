import { LogoutOutlined, MenuOutlined, ShopOutlined, UserOutlined } from '@ant-design/icons';
import { LanguageSwitch } from '@web/components/language-switch';
import { useCurrentUser } from '@web/features/auth/hooks/use-current-user';
import { useLogoutFlow } from '@web/features/auth/hooks/use-logout-flow';
import { IncomingCallNotifier } from '@web/features/telephony/incoming-call';
import { useT } from '@web/lib/i18n';
import { useIsMobile } from '@web/lib/use-media';
import { Button, Drawer, Flex, Layout, Menu, type MenuProps, Spin, Tag, Typography, theme } from 'antd';
import { Suspense, useMemo, useState } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { allowedNavItems, navKeyForPath } from '../navigation';

const SIDER_WIDTH = 220;

function Brand({ collapsed, dark }: { collapsed?: boolean; dark?: boolean }) {
  const t = useT();
  const color = dark ? '#fff' : undefined;
  return (
    <Link to="/" style={{ display: 'flex', alignItems: 'center', gap: 10, padding: '16px 20px', color }}>
      <span
        aria-hidden
        style={{
          display: 'inline-flex',
          alignItems: 'center',
          justifyContent: 'center',
          width: 28,
          height: 28,
          borderRadius: 6,
          background: '#1677ff',
          color: '#fff',
          fontWeight: 700,
          flex: 'none',
        }}
      >
        A
      </span>
      {collapsed ? null : (
        <span style={{ lineHeight: 1.2, whiteSpace: 'nowrap', overflow: 'hidden' }}>
          <strong style={{ display: 'block', fontSize: 16 }}>{t('app.shortName')}</strong>
          <small style={{ opacity: 0.75 }}>{t('app.subtitle')}</small>
        </span>
      )}
    </Link>
  );
}

/** The shell of every logged-in page: side menu (a drawer on phones), header, content. */
export function AppLayout() {
  const me = useCurrentUser();
  const t = useT();
  const location = useLocation();
  const { logout, pending: loggingOut } = useLogoutFlow();
  const isMobile = useIsMobile();
  const { token } = theme.useToken();
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);

  const items = useMemo<MenuProps['items']>(
    () =>
      allowedNavItems(me.permissions).map((item) => ({
        key: item.key,
        icon: item.icon,
        label: (
          <Link to={item.path} data-testid={`menu-${item.key}`}>
            {t(item.label)}
          </Link>
        ),
      })),
    [me.permissions, t],
  );
  const selected = navKeyForPath(location.pathname);

  const branchLabel = me.branch ? me.branch.name : me.companyWide ? t('layout.companyWide') : t('layout.noBranch');

  const menu = (
    <Menu
      mode="inline"
      theme={isMobile ? 'light' : 'dark'}
      items={items}
      selectedKeys={selected ? [selected] : []}
      onClick={() => setDrawerOpen(false)}
      style={{ borderInlineEnd: 'none' }}
      data-testid="main-menu"
    />
  );

  const logoutButton = (
    <Button
      icon={<LogoutOutlined />}
      onClick={() => void logout()}
      loading={loggingOut}
      data-testid="logout"
      aria-label={t('auth.logout')}
      type={isMobile ? 'text' : 'default'}
    >
      {isMobile ? null : t('auth.logout')}
    </Button>
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {isMobile ? (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={SIDER_WIDTH + 40}
          title={<Brand />}
          styles={{ body: { padding: 0 }, header: { padding: 0 } }}
          closable={false}
          data-testid="menu-drawer"
        >
          <div style={{ padding: '8px 24px 12px', borderBottom: `1px solid ${token.colorSplit}` }}>
            <Typography.Text strong>{me.displayName}</Typography.Text>
            <br />
            <Typography.Text type="secondary">
              <ShopOutlined /> {branchLabel}
            </Typography.Text>
          </div>
          {menu}
        </Drawer>
      ) : (
        <Layout.Sider
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          width={SIDER_WIDTH}
          style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
        >
          <Brand collapsed={collapsed} dark />
          {menu}
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header
          style={{
            position: 'sticky',
            top: 0,
            zIndex: 10,
            display: 'flex',
            alignItems: 'center',
            gap: 12,
            padding: isMobile ? '0 8px 0 4px' : '0 24px',
            background: token.colorBgContainer,
            borderBottom: `1px solid ${token.colorSplit}`,
            height: isMobile ? 52 : 64,
            lineHeight: 'normal',
          }}
        >
          {isMobile ? (
            <>
              <Button
                type="text"
                icon={<MenuOutlined />}
                onClick={() => setDrawerOpen(true)}
                aria-label={t('menu.open')}
                data-testid="menu-toggle"
              />
              <Typography.Text strong style={{ fontSize: 16 }}>
                {t('app.shortName')}
              </Typography.Text>
            </>
          ) : null}
          <Flex flex={1} justify="flex-end" align="center" gap={isMobile ? 4 : 16} style={{ minWidth: 0 }}>
            {isMobile ? null : (
              <Tag icon={<ShopOutlined />} style={{ marginInlineEnd: 0 }} data-testid="current-branch">
                {branchLabel}
              </Tag>
            )}
            <Typography.Text
              data-testid="current-user"
              ellipsis
              style={{ maxWidth: isMobile ? 96 : 200 }}
              title={`${me.displayName} (${me.username})`}
            >
              <UserOutlined /> {me.displayName}
            </Typography.Text>
            <LanguageSwitch compact={isMobile} size={isMobile ? 'small' : 'middle'} />
            {logoutButton}
          </Flex>
        </Layout.Header>
        <Layout.Content style={{ padding: isMobile ? 12 : 24, minWidth: 0 }}>
          <Suspense
            fallback={
              <Flex justify="center" style={{ padding: 48 }}>
                <Spin />
              </Flex>
            }
          >
            <Outlet />
            <IncomingCallNotifier />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
