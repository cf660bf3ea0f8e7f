import { ArrowLeftOutlined, PlusOutlined, SafetyOutlined } from '@ant-design/icons';
import { CHANNEL_LABELS, type Channel } from '@shared/domain/work-order';
import { PageHeader } from '@web/components/page-header';
import { QueryErrorResult } from '@web/components/status-results';
import { useCan } from '@web/features/auth/hooks/use-current-user';
import { useCustomer } from '@web/features/customers/api/get-customer';
import { CustomerCardView } from '@web/features/customers/components/customer-card';
import { PrivacyRequestModal } from '@web/features/customers/components/privacy-request-modal';
import { PrivacyStatusTag } from '@web/features/privacy/components/privacy-status-tag';
import { formatDateTime } from '@web/lib/format';
import { useI18n } from '@web/lib/i18n';
import { Button, Card, Col, Descriptions, Empty, Flex, List, Row, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';

function channelLabel(channel: string, lang: 'zh-CN' | 'en-US') {
  return Object.hasOwn(CHANNEL_LABELS, channel) ? CHANNEL_LABELS[channel as Channel][lang] : channel;
}

/** 客户档案: the customer card (masked for the caller), consents and privacy requests. */
export function CustomerPage() {
  const { customerId } = useParams();
  const { t, lang } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const customer = useCustomer(customerId);
  const [recording, setRecording] = useState(false);

  if (customer.isLoading) {
    return (
      <Card>
        <Skeleton active />
      </Card>
    );
  }
  if (customer.isError || !customer.data) {
    return <QueryErrorResult error={customer.error} onRetry={() => void customer.refetch()} />;
  }
  const c = customer.data;
  return (
    <div>
      <PageHeader
        title={
          <Flex gap={8} align="center">
            <Button
              type="text"
              icon={<ArrowLeftOutlined />}
              onClick={() => navigate(-1)}
              aria-label={t('common.back')}
            />
            {t('customers.title')}
          </Flex>
        }
        extra={
          <>
            {can('workorders.create') && !c.anonymised ? (
              <Link to="/intake/hotline">
                <Button type="primary" icon={<PlusOutlined />}>
                  {t('wo.new')}
                </Button>
              </Link>
            ) : null}
            {can('privacy.manage') && !c.anonymised ? (
              <Button icon={<SafetyOutlined />} onClick={() => setRecording(true)} data-testid="privacy-record">
                {t('privacy.record')}
              </Button>
            ) : null}
          </>
        }
      />
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={14}>
          <CustomerCardView card={c} extra={<span />} testId="customer-card" />
        </Col>
        <Col xs={24} lg={10}>
          <Flex vertical gap={12}>
            <Card size="small" title={t('customers.profile')}>
              <Descriptions size="small" column={1}>
                <Descriptions.Item label={t('customers.firstChannel')}>
                  {channelLabel(c.firstChannel, lang)}
                </Descriptions.Item>
                <Descriptions.Item label={t('customers.createdAt')}>
                  {formatDateTime(c.createdAt, lang, { seconds: false })}
                </Descriptions.Item>
                <Descriptions.Item label={t('customers.updatedAt')}>
                  {formatDateTime(c.updatedAt, lang, { seconds: false })}
                </Descriptions.Item>
                {c.anonymisedAt ? (
                  <Descriptions.Item label={t('customers.anonymisedAt')}>
                    {formatDateTime(c.anonymisedAt, lang, { seconds: false })}
                  </Descriptions.Item>
                ) : null}
              </Descriptions>
            </Card>
            <Card size="small" title={t('customers.consents')}>
              {c.consents.length === 0 ? (
                <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
              ) : (
                <List
                  size="small"
                  dataSource={c.consents}
                  renderItem={(k) => (
                    <List.Item style={{ paddingInline: 0 }}>
                      <Flex gap={6} wrap align="center">
                        <span>{t(`customers.consent.${k.purpose}`)}</span>
                        <Tag color={k.granted ? 'success' : 'default'}>
                          {k.granted ? t('customers.granted') : t('customers.withdrawn')}
                        </Tag>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {channelLabel(k.channel, lang)} · {formatDateTime(k.at, lang, { seconds: false })}
                        </Typography.Text>
                      </Flex>
                    </List.Item>
                  )}
                />
              )}
            </Card>
            <Card
              size="small"
              title={t('privacy.title')}
              extra={
                can('privacy.manage') ? (
                  <Link to={`/privacy-requests?customerId=${c.id}`}>{t('privacy.handle')}</Link>
                ) : null
              }
            >
              {c.privacyRequests.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common.none')} />
              ) : (
                <List
                  size="small"
                  dataSource={c.privacyRequests}
                  renderItem={(r) => (
                    <List.Item style={{ paddingInline: 0 }}>
                      <Flex gap={6} wrap align="center">
                        <span>{t(`privacy.kind.${r.kind}`)}</span>
                        <PrivacyStatusTag status={r.status} />
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {formatDateTime(r.requestedAt, lang, { seconds: false })}
                        </Typography.Text>
                      </Flex>
                    </List.Item>
                  )}
                />
              )}
            </Card>
          </Flex>
        </Col>
      </Row>
      {can('privacy.manage') ? (
        <PrivacyRequestModal customerId={c.id} open={recording} onClose={() => setRecording(false)} />
      ) : null}
    </div>
  );
}
