import { ReloadOutlined } from '@ant-design/icons';
import {
  MESSAGE_CHANNEL_LABELS,
  MESSAGE_CHANNELS,
  MESSAGE_STATUS_LABELS,
  MESSAGE_STATUSES,
  MESSAGE_TEMPLATE_LABELS,
  MESSAGE_TEMPLATES,
  type MessageChannel,
  type MessageLogEntry,
  type MessageStatus,
  type MessageTemplate,
} from '@shared/contracts/notify.contract';
import { PageHeader } from '@web/components/page-header';
import { QueryErrorResult } from '@web/components/status-results';
import { useCan } from '@web/features/auth/hooks/use-current-user';
import { useMessages } from '@web/features/messages/api/list-messages';
import { formatDateTime } from '@web/lib/format';
import { useI18n } from '@web/lib/i18n';
import { Button, Card, Col, Row, Select, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';

const STATUS_COLORS: Record<MessageStatus, string> = {
  queued: 'processing',
  sent: 'success',
  failed: 'warning',
  dead: 'error',
};

/** 消息记录: every SMS / WeChat / in-app message with its delivery status (the `log` transport lands here). */
export function MessagesPage() {
  const { t, lang } = useI18n();
  const can = useCan();
  const [channel, setChannel] = useState<MessageChannel>();
  const [status, setStatus] = useState<MessageStatus>();
  const [template, setTemplate] = useState<MessageTemplate>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const messages = useMessages({ page: String(page), pageSize: String(pageSize), channel, status, template });

  const columns: TableColumnsType<MessageLogEntry> = [
    {
      title: t('messages.col.createdAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      render: (at: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(at, lang)}</span>,
    },
    {
      title: t('messages.col.channel'),
      dataIndex: 'channel',
      key: 'channel',
      render: (c: MessageChannel) => MESSAGE_CHANNEL_LABELS[c][lang],
    },
    { title: t('messages.col.template'), dataIndex: 'templateLabel', key: 'template' },
    {
      title: t('messages.col.recipient'),
      dataIndex: 'recipientMasked',
      key: 'recipient',
      render: (r: string) => <span style={{ whiteSpace: 'nowrap' }}>{r}</span>,
    },
    {
      title: t('messages.col.text'),
      key: 'text',
      render: (_, m) => (
        <Typography.Paragraph style={{ marginBottom: 0, minWidth: 220, maxWidth: 420 }} className="aircare-break">
          {lang === 'zh-CN' ? m.text : m.textEn}
        </Typography.Paragraph>
      ),
    },
    {
      title: t('messages.col.status'),
      key: 'status',
      render: (_, m) => (
        <Tag color={STATUS_COLORS[m.status]} style={{ marginInlineEnd: 0 }}>
          {MESSAGE_STATUS_LABELS[m.status][lang]}
        </Tag>
      ),
    },
    { title: t('messages.col.attempts'), dataIndex: 'attempts', key: 'attempts', align: 'right' },
    {
      title: t('messages.col.transport'),
      key: 'transport',
      render: (_, m) => m.transport ?? '—',
    },
    {
      title: t('messages.col.sentAt'),
      dataIndex: 'sentAt',
      key: 'sentAt',
      render: (at: string | null) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(at, lang)}</span>,
    },
    {
      title: t('messages.col.error'),
      dataIndex: 'lastError',
      key: 'lastError',
      render: (e: string | null) =>
        e ? (
          <Typography.Text type="danger" ellipsis={{ tooltip: e }} style={{ maxWidth: 220 }}>
            {e}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
    {
      title: t('messages.col.workOrder'),
      key: 'workOrder',
      render: (_, m) =>
        m.workOrderId ? (
          can('workorders.read') ? (
            <Link to={`/work-orders/${m.workOrderId}`}>{t('messages.openOrder')}</Link>
          ) : (
            <Typography.Text type="secondary">{m.workOrderId.slice(0, 8)}</Typography.Text>
          )
        ) : (
          '—'
        ),
    },
  ];

  const resetPage = () => setPage(1);

  return (
    <div>
      <PageHeader
        title={t('messages.title')}
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => void messages.refetch()} loading={messages.isFetching}>
            {t('common.reload')}
          </Button>
        }
      />
      <Card styles={{ body: { padding: 16 } }}>
        <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
          <Col xs={12} md={6}>
            <Select<MessageChannel>
              allowClear
              style={{ width: '100%' }}
              placeholder={t('messages.col.channel')}
              value={channel}
              onChange={(v) => {
                setChannel(v);
                resetPage();
              }}
              options={MESSAGE_CHANNELS.map((c) => ({ value: c, label: MESSAGE_CHANNEL_LABELS[c][lang] }))}
              data-testid="messages-filter-channel"
            />
          </Col>
          <Col xs={12} md={6}>
            <Select<MessageStatus>
              allowClear
              style={{ width: '100%' }}
              placeholder={t('messages.col.status')}
              value={status}
              onChange={(v) => {
                setStatus(v);
                resetPage();
              }}
              options={MESSAGE_STATUSES.map((s) => ({ value: s, label: MESSAGE_STATUS_LABELS[s][lang] }))}
              data-testid="messages-filter-status"
            />
          </Col>
          <Col xs={24} md={6}>
            <Select<MessageTemplate>
              allowClear
              style={{ width: '100%' }}
              placeholder={t('messages.col.template')}
              value={template}
              onChange={(v) => {
                setTemplate(v);
                resetPage();
              }}
              options={MESSAGE_TEMPLATES.map((s) => ({ value: s, label: MESSAGE_TEMPLATE_LABELS[s][lang] }))}
              data-testid="messages-filter-template"
            />
          </Col>
        </Row>
        {messages.isError && !messages.data ? (
          <QueryErrorResult error={messages.error} onRetry={() => void messages.refetch()} />
        ) : (
          <Table<MessageLogEntry>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={messages.data?.items ?? []}
            loading={messages.isFetching}
            scroll={{ x: 'max-content' }}
            data-testid="messages-table"
            pagination={{
              current: page,
              pageSize,
              total: messages.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [20, 50, 100],
              showTotal: (total) => t('common.total', { total }),
              onChange: (p, ps) => {
                if (ps !== pageSize) {
                  setPageSize(ps);
                  setPage(1);
                } else setPage(p);
              },
            }}
          />
        )}
      </Card>
    </div>
  );
}
