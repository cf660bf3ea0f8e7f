import { EnvironmentOutlined, PhoneOutlined, UserOutlined } from '@ant-design/icons';
import type { CustomerCard, RevealedContact } from '@shared/contracts/customers.contract';
import { UNIT_TYPE_LABELS } from '@shared/domain/work-order';
import { useCan } from '@web/features/auth/hooks/use-current-user';
import { CustomerOrders } from '@web/features/work-orders/components/customer-orders';
import { WarrantyTag } from '@web/features/work-orders/components/tags';
import { isUnknownModel } from '@web/features/work-orders/labels';
import { useI18n } from '@web/lib/i18n';
import { Card, Divider, Empty, Flex, List, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { RevealContactButton } from './reveal-contact';

function Section({ title, children }: { title: ReactNode; children: ReactNode }) {
  return (
    <div style={{ marginTop: 12 }}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {title}
      </Typography.Text>
      <div style={{ marginTop: 4 }}>{children}</div>
    </div>
  );
}

/**
 * The customer card (masked for the caller): phones with a reveal button, addresses, AC units with warranty, and
 * the open and past orders.
 */
export function CustomerCardView({
  card,
  onRevealed,
  extra,
  showOrders = true,
  testId,
}: {
  card: CustomerCard;
  onRevealed?: (contact: RevealedContact) => void;
  extra?: ReactNode;
  showOrders?: boolean;
  testId?: string;
}) {
  const { t, lang } = useI18n();
  const can = useCan();
  const canReveal = can('customers.reveal') && !card.anonymised;

  return (
    <Card
      size="small"
      data-testid={testId}
      title={
        <Flex gap={8} align="center" wrap>
          <UserOutlined />
          <span data-testid="customer-name">{card.nameFull ? card.name : card.nameMasked}</span>
          {card.anonymised ? <Tag>{t('customers.anonymised')}</Tag> : null}
        </Flex>
      }
      extra={
        extra ?? (
          <Link to={`/customers/${card.id}`} data-testid="customer-open">
            {t('customers.openCard')}
          </Link>
        )
      }
    >
      <Section title={t('customers.phones')}>
        {card.phones.length === 0 ? (
          <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
        ) : (
          <Flex vertical gap={4}>
            {card.phones.map((p) => (
              <Flex key={p.id} gap={6} align="center" wrap>
                <PhoneOutlined />
                <Typography.Text data-testid="customer-phone-masked">{p.masked}</Typography.Text>
                {p.isPrimary ? <Tag color="blue">{t('customers.primary')}</Tag> : null}
                <Tag>{p.kind === 'mobile' ? t('customers.mobile') : t('customers.landline')}</Tag>
                {canReveal ? <RevealContactButton customerId={card.id} phoneId={p.id} onRevealed={onRevealed} /> : null}
              </Flex>
            ))}
          </Flex>
        )}
      </Section>

      <Section title={t('customers.addresses')}>
        {card.addresses.length === 0 ? (
          <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
        ) : (
          <Flex vertical gap={4}>
            {card.addresses.map((a) => (
              <Flex key={a.id} gap={6} align="baseline" wrap>
                <EnvironmentOutlined />
                {a.label ? <Tag>{a.label}</Tag> : null}
                <span className="aircare-break">
                  {a.city}
                  {a.district}
                  {a.detail}
                </span>
                {!a.detailFull && canReveal ? (
                  <RevealContactButton customerId={card.id} addressId={a.id} what="address" />
                ) : null}
              </Flex>
            ))}
          </Flex>
        )}
      </Section>

      <Section title={t('customers.units')}>
        {card.units.length === 0 ? (
          <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
        ) : (
          <List
            size="small"
            dataSource={card.units}
            renderItem={(u) => (
              <List.Item style={{ paddingInline: 0 }}>
                <Flex vertical gap={2}>
                  <Flex gap={6} wrap align="center">
                    <Typography.Text strong>{u.brand}</Typography.Text>
                    <span>{isUnknownModel(u.model) ? t('intake.modelUnknown') : u.model}</span>
                    <Tag>{UNIT_TYPE_LABELS[u.type][lang]}</Tag>
                    <WarrantyTag status={u.warrantyStatus} />
                  </Flex>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {u.serial ? `${t('customers.serial')} ${u.serial} · ` : ''}
                    {u.installDate ? `${t('customers.installDate')} ${u.installDate} · ` : ''}
                    {t('customers.warrantyEnd')} {u.warrantyEnd ?? t('common.none')}
                  </Typography.Text>
                </Flex>
              </List.Item>
            )}
          />
        )}
      </Section>

      {card.note ? (
        <Section title={t('customers.note')}>
          <Typography.Paragraph style={{ marginBottom: 0 }}>{card.note}</Typography.Paragraph>
        </Section>
      ) : null}

      {showOrders && can('workorders.read') ? (
        <>
          <Divider style={{ margin: '12px 0' }} />
          <CustomerOrders customerId={card.id} />
        </>
      ) : null}
    </Card>
  );
}

/** Placeholder when the card has nothing to show at all. */
export function NoCustomer({ text }: { text: string }) {
  return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text} />;
}
