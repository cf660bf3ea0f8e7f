import { SearchOutlined } from '@ant-design/icons';
import type { Reply } from '@shared/contracts/endpoint';
import type { listAuditEvents } from '@shared/contracts/identity.contract';
import { JsonView } from '@web/components/json-view';
import { PageHeader } from '@web/components/page-header';
import { QueryErrorResult } from '@web/components/status-results';
import { type ListAuditEventsQuery, useAuditEvents } from '@web/features/audit/api/list-audit-events';
import { formatDateTime, pickedToIso } from '@web/lib/format';
import { useI18n } from '@web/lib/i18n';
import { Button, Card, Col, DatePicker, Form, Input, Row, Table, type TableColumnsType, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';

type AuditEvent = Reply<typeof listAuditEvents>['items'][number];

interface FilterValues {
  actor?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

type Filters = Omit<ListAuditEventsQuery, 'page' | 'pageSize'>;

const DEFAULT_PAGE_SIZE = 20;

function blankToUndefined(v: string | undefined): string | undefined {
  const s = v?.trim();
  return s ? s : undefined;
}

export function AuditLogPage() {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<FilterValues>();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(DEFAULT_PAGE_SIZE);
  const events = useAuditEvents({ ...filters, page: String(page), pageSize: String(pageSize) });

  const onSearch = (v: FilterValues) => {
    const [from, to] = v.range ?? [];
    setFilters({
      actor: blankToUndefined(v.actor),
      action: blankToUndefined(v.action),
      objectType: blankToUndefined(v.objectType),
      objectId: blankToUndefined(v.objectId),
      from: from ? pickedToIso(from) : undefined,
      to: to ? pickedToIso(to) : undefined,
    });
    setPage(1);
  };

  const onReset = () => {
    form.resetFields();
    setFilters({});
    setPage(1);
  };

  const columns: TableColumnsType<AuditEvent> = [
    {
      title: t('audit.col.at'),
      dataIndex: 'at',
      key: 'at',
      render: (at: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(at, lang)}</span>,
    },
    {
      title: t('audit.col.actor'),
      key: 'actor',
      render: (_, e) => e.actorName ?? <Typography.Text type="secondary">{t('audit.system')}</Typography.Text>,
    },
    {
      title: t('audit.col.action'),
      dataIndex: 'action',
      key: 'action',
      render: (action: string) => <Tag style={{ marginInlineEnd: 0 }}>{action}</Tag>,
    },
    {
      title: t('audit.col.object'),
      key: 'object',
      render: (_, e) =>
        e.objectType ? (
          <span>
            {e.objectType}
            {e.objectId ? (
              <Typography.Text type="secondary" copyable={{ text: e.objectId }} style={{ marginInlineStart: 6 }}>
                {e.objectId.length > 12 ? `${e.objectId.slice(0, 8)}…` : e.objectId}
              </Typography.Text>
            ) : null}
          </span>
        ) : (
          '—'
        ),
    },
    { title: t('audit.col.ip'), dataIndex: 'ip', key: 'ip', render: (ip: string | null) => ip ?? '—' },
    {
      title: t('audit.col.requestId'),
      dataIndex: 'requestId',
      key: 'requestId',
      render: (id: string | null) =>
        id ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }} copyable>
            {id}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
  ];

  const expandedRowRender = (e: AuditEvent) => (
    <Row gutter={[16, 12]}>
      <Col xs={24} lg={e.details != null ? 8 : 12}>
        <Typography.Text strong>{t('audit.before')}</Typography.Text>
        <JsonView value={e.before} empty={t('audit.nothing')} />
      </Col>
      <Col xs={24} lg={e.details != null ? 8 : 12}>
        <Typography.Text strong>{t('audit.after')}</Typography.Text>
        <JsonView value={e.after} empty={t('audit.nothing')} />
      </Col>
      {e.details != null ? (
        <Col xs={24} lg={8}>
          <Typography.Text strong>{t('audit.details')}</Typography.Text>
          <JsonView value={e.details} empty={t('audit.nothing')} />
        </Col>
      ) : null}
    </Row>
  );

  return (
    <div>
      <PageHeader title={t('audit.title')} extra={<Tag color="default">{t('audit.readOnly')}</Tag>} />
      <Card styles={{ body: { padding: 16 } }}>
        <Form<FilterValues> form={form} layout="vertical" onFinish={onSearch} data-testid="audit-filters">
          <Row gutter={[12, 0]}>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item name="actor" label={t('audit.filter.actor')}>
                <Input
                  allowClear
                  maxLength={64}
                  placeholder={t('audit.filter.actorPlaceholder')}
                  data-testid="audit-filter-actor"
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item name="action" label={t('audit.filter.action')}>
                <Input allowClear maxLength={64} placeholder="user.update" data-testid="audit-filter-action" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item name="objectType" label={t('audit.filter.objectType')}>
                <Input allowClear maxLength={64} placeholder="user" data-testid="audit-filter-object-type" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item name="objectId" label={t('audit.filter.objectId')}>
                <Input allowClear maxLength={128} data-testid="audit-filter-object-id" />
              </Form.Item>
            </Col>
            <Col xs={24} lg={12}>
              <Form.Item name="range" label={t('audit.filter.range')}>
                <DatePicker.RangePicker
                  showTime={{ format: 'HH:mm' }}
                  format="YYYY-MM-DD HH:mm"
                  allowEmpty={[true, true]}
                  style={{ width: '100%' }}
                  data-testid="audit-filter-range"
                />
              </Form.Item>
            </Col>
            <Col xs={24} lg={12} style={{ display: 'flex', alignItems: 'flex-end', gap: 8, paddingBottom: 24 }}>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="audit-search">
                {t('common.search')}
              </Button>
              <Button onClick={onReset}>{t('common.reset')}</Button>
            </Col>
          </Row>
        </Form>

        {events.isError && !events.data ? (
          <QueryErrorResult error={events.error} onRetry={() => void events.refetch()} />
        ) : (
          <Table<AuditEvent>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={events.data?.items ?? []}
            loading={events.isFetching}
            scroll={{ x: 'max-content' }}
            expandable={{ expandedRowRender }}
            data-testid="audit-table"
            pagination={{
              current: page,
              pageSize,
              total: events.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [20, 50, 100, 200],
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
