import { RightOutlined } from '@ant-design/icons';
import { ROLE_LABELS } from '@shared/domain/roles';
import { allowedNavItems, type NavKey } from '@web/app/navigation';
import { useCurrentUser } from '@web/features/auth/hooks/use-current-user';
import { hourInDisplayZone } from '@web/lib/format';
import { type MessageKey, useI18n } from '@web/lib/i18n';
import { useDocumentTitle } from '@web/lib/use-document-title';
import { Card, Col, Descriptions, Flex, Row, Tag, Typography } from 'antd';
import { Link } from 'react-router';

function greetingKey(hour: number): MessageKey {
  if (hour < 12) return 'home.morning';
  if (hour < 18) return 'home.afternoon';
  return 'home.evening';
}

export function HomePage() {
  const me = useCurrentUser();
  const { t, lang } = useI18n();
  useDocumentTitle(undefined, t('app.name'));

  // What each card says depends on whether the user may change things or only read them.
  const describe: Partial<Record<NavKey, MessageKey>> = {
    hotline: 'home.card.hotline',
    'work-orders': 'home.card.workOrders',
    review: 'home.card.review',
    privacy: 'home.card.privacy',
    faults: me.permissions.includes('faults.manage') ? 'home.card.faults' : 'home.card.faultsRead',
    messages: 'home.card.messages',
    board: 'home.card.board',
    'my-jobs': 'home.card.myJobs',
    technicians: 'home.card.technicians',
    availability: 'home.card.availability',
    'my-availability': 'home.card.myAvailability',
    parts: me.permissions.includes('parts.manage') ? 'home.card.parts' : 'home.card.partsRead',
    stock: me.permissions.includes('stock.move') ? 'home.card.stock' : 'home.card.stockRead',
    requisitions: me.permissions.includes('requisitions.issue')
      ? 'home.card.requisitionsIssue'
      : me.permissions.includes('requisitions.approve')
        ? 'home.card.requisitionsApprove'
        : 'home.card.requisitions',
    users: me.permissions.includes('users.manage') ? 'home.card.users' : 'home.card.usersRead',
    branches: 'home.card.branches',
    settings: me.permissions.includes('settings.manage') ? 'home.card.settings' : 'home.card.settingsRead',
    audit: 'home.card.audit',
    account: 'home.card.account',
  };
  const cards = allowedNavItems(me.permissions).filter((item) => item.key !== 'home');

  return (
    <div>
      <Typography.Title level={3} style={{ marginTop: 0 }} data-testid="home-greeting">
        {t(greetingKey(hourInDisplayZone()), { name: me.displayName })}
      </Typography.Title>

      <Card style={{ marginBottom: 24 }}>
        <Descriptions column={{ xs: 1, sm: 1, md: 3 }} size="small">
          <Descriptions.Item label={t('home.roles')}>
            <Flex wrap gap={4} data-testid="home-roles">
              {me.roles.map((role) => (
                <Tag color="blue" key={role} style={{ marginInlineEnd: 0 }}>
                  {ROLE_LABELS[role][lang]}
                </Tag>
              ))}
            </Flex>
          </Descriptions.Item>
          <Descriptions.Item label={t('home.branch')}>
            {me.branch ? (
              <span>
                {me.branch.name} <Typography.Text type="secondary">{me.branch.code}</Typography.Text>
              </span>
            ) : (
              t('layout.noBranch')
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('home.scope')}>
            {me.companyWide ? t('home.scopeCompany') : t('home.scopeBranch')}
          </Descriptions.Item>
        </Descriptions>
      </Card>

      <Typography.Title level={5}>{t('home.shortcuts')}</Typography.Title>
      <Row gutter={[16, 16]}>
        {cards.map((item) => {
          const description = describe[item.key];
          return (
            <Col key={item.key} xs={24} sm={12} lg={8} xl={6}>
              <Link to={item.path} data-testid={`home-card-${item.key}`}>
                <Card hoverable style={{ height: '100%' }}>
                  <Flex align="flex-start" gap={12}>
                    <span style={{ fontSize: 22, color: '#1677ff', lineHeight: 1 }}>{item.icon}</span>
                    <div style={{ flex: 1, minWidth: 0 }}>
                      <Typography.Text strong>{t(item.label)}</Typography.Text>
                      {description ? (
                        <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
                          {t(description)}
                        </Typography.Paragraph>
                      ) : null}
                    </div>
                    <RightOutlined style={{ color: 'rgba(0,0,0,0.25)' }} aria-label={t('home.open')} />
                  </Flex>
                </Card>
              </Link>
            </Col>
          );
        })}
      </Row>
    </div>
  );
}
