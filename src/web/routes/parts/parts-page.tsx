import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import type { Part } from '@shared/contracts/parts.contract';
import { PART_CATEGORIES, PART_CATEGORY_LABELS, type PartCategory } from '@shared/domain/parts';
import { PageHeader } from '@web/components/page-header';
import { QueryErrorResult } from '@web/components/status-results';
import { useCan } from '@web/features/auth/hooks/use-current-user';
import { type ListPartsQuery, useParts } from '@web/features/parts/api/list-parts';
import { LevelsModal } from '@web/features/parts/components/levels-modal';
import { PartFormModal } from '@web/features/parts/components/part-form-modal';
import { PartTrackingTags } from '@web/features/parts/components/part-tags';
import { formatFen } from '@web/features/parts/money';
import { useI18n } from '@web/lib/i18n';
import { useUrlFilters } from '@web/lib/use-url-filters';
import { Button, Card, Col, Flex, Input, Row, Select, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';

const DEFAULT_PAGE_SIZE = 20;

/** 配件目录: the catalog with filters in the URL; create / edit and reorder levels with parts.manage. */
export function PartsPage() {
  const { t, lang } = useI18n();
  const can = useCan();
  const canManage = can('parts.manage');
  const { get, update, clear } = useUrlFilters();
  // The API has no "designated" filter: with it set, one big page is fetched and filtered and paged here.
  const designated = get('designated') as 'true' | 'false' | undefined;
  const page = Number(get('page') ?? '1');
  const pageSize = Number(get('pageSize') ?? DEFAULT_PAGE_SIZE);
  const query: ListPartsQuery = {
    page: designated ? '1' : String(page),
    pageSize: designated ? '200' : String(pageSize),
    q: get('q'),
    category: get('category') as PartCategory | undefined,
    active: (get('active') as 'true' | 'false' | 'all' | undefined) ?? 'true',
  };
  const parts = useParts(query);
  const [searchText, setSearchText] = useState(query.q ?? '');
  const [editing, setEditing] = useState<Part | 'new' | undefined>();
  const [levelsOf, setLevelsOf] = useState<Part | undefined>();

  const all = parts.data?.items ?? [];
  const filtered = designated ? all.filter((p) => String(p.designated) === designated) : all;
  const rows = designated ? filtered.slice((page - 1) * pageSize, page * pageSize) : filtered;
  const total = designated ? filtered.length : (parts.data?.total ?? 0);

  const columns: TableColumnsType<Part> = [
    {
      title: t('parts.col.code'),
      dataIndex: 'code',
      key: 'code',
      fixed: 'left',
      render: (code: string) => (
        <span style={{ whiteSpace: 'nowrap' }} data-testid={`part-row-${code}`}>
          {code}
        </span>
      ),
    },
    {
      title: t('parts.col.name'),
      key: 'name',
      render: (_, p) => (
        <Flex vertical style={{ minWidth: 160 }}>
          <span>{p.name}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {p.spec}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('parts.col.category'), key: 'category', render: (_, p) => PART_CATEGORY_LABELS[p.category][lang] },
    { title: t('parts.col.unit'), dataIndex: 'unit', key: 'unit' },
    { title: t('parts.col.tracking'), key: 'tracking', render: (_, p) => <PartTrackingTags part={p} /> },
    {
      title: t('parts.col.standardCost'),
      key: 'standardCost',
      align: 'right',
      render: (_, p) => <span style={{ whiteSpace: 'nowrap' }}>{formatFen(p.standardCostFen)}</span>,
    },
    {
      title: t('parts.col.avgCost'),
      key: 'avgCost',
      align: 'right',
      render: (_, p) => <span style={{ whiteSpace: 'nowrap' }}>{formatFen(p.avgCostFen)}</span>,
    },
    {
      title: t('parts.col.warranty'),
      key: 'warranty',
      render: (_, p) => (
        <span style={{ whiteSpace: 'nowrap' }}>{t('parts.warrantyMonths', { months: p.warrantyMonths })}</span>
      ),
    },
    {
      title: t('parts.col.status'),
      key: 'active',
      render: (_, p) =>
        p.active ? <Tag color="success">{t('parts.active.true')}</Tag> : <Tag>{t('parts.active.false')}</Tag>,
    },
    ...(canManage
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            fixed: 'right' as const,
            render: (_: unknown, p: Part) => (
              <Flex gap={4}>
                <Button size="small" onClick={() => setEditing(p)} data-testid={`part-edit-${p.code}`}>
                  {t('parts.edit')}
                </Button>
                <Button size="small" onClick={() => setLevelsOf(p)} data-testid={`part-levels-${p.code}`}>
                  {t('parts.levels')}
                </Button>
              </Flex>
            ),
          },
        ]
      : []),
  ];

  return (
    <div>
      <PageHeader
        title={t('parts.title')}
        extra={
          canManage ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="part-create">
              {t('parts.new')}
            </Button>
          ) : (
            <Tag>{t('audit.readOnly')}</Tag>
          )
        }
      />
      <Card styles={{ body: { padding: 16 } }}>
        <Row gutter={[12, 12]} style={{ marginBottom: 16 }} data-testid="parts-filters">
          <Col xs={24} md={12} xl={8}>
            <Input.Search
              allowClear
              placeholder={t('parts.searchPlaceholder')}
              maxLength={50}
              value={searchText}
              onChange={(e) => {
                setSearchText(e.target.value);
                if (e.target.value === '') update({ q: undefined });
              }}
              onSearch={(v) => update({ q: v.trim() || undefined })}
              data-testid="parts-search"
            />
          </Col>
          <Col xs={12} md={6} xl={4}>
            <Select<PartCategory>
              allowClear
              style={{ width: '100%' }}
              placeholder={t('parts.filter.category')}
              value={query.category}
              onChange={(v) => update({ category: v })}
              options={PART_CATEGORIES.map((c) => ({ value: c, label: PART_CATEGORY_LABELS[c][lang] }))}
              data-testid="parts-filter-category"
            />
          </Col>
          <Col xs={12} md={6} xl={4}>
            <Select<'true' | 'false'>
              allowClear
              style={{ width: '100%' }}
              placeholder={t('parts.filter.designated')}
              value={designated}
              onChange={(v) => update({ designated: v })}
              options={(['true', 'false'] as const).map((v) => ({ value: v, label: t(`parts.designated.${v}`) }))}
              data-testid="parts-filter-designated"
            />
          </Col>
          <Col xs={12} md={6} xl={3}>
            <Select<'true' | 'false' | 'all'>
              style={{ width: '100%' }}
              value={query.active}
              onChange={(v) => update({ active: v === 'true' ? undefined : v })}
              options={(['true', 'false', 'all'] as const).map((v) => ({ value: v, label: t(`parts.active.${v}`) }))}
              data-testid="parts-filter-active"
            />
          </Col>
          <Col xs={12} md={6} xl={5}>
            <Flex gap={8}>
              <Button
                onClick={() => {
                  setSearchText('');
                  clear();
                }}
                data-testid="parts-filter-reset"
              >
                {t('common.reset')}
              </Button>
              <Button icon={<ReloadOutlined />} onClick={() => void parts.refetch()} aria-label={t('common.reload')} />
            </Flex>
          </Col>
        </Row>
        {parts.isError && !parts.data ? (
          <QueryErrorResult error={parts.error} onRetry={() => void parts.refetch()} />
        ) : (
          <Table<Part>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={rows}
            loading={parts.isFetching}
            scroll={{ x: 'max-content' }}
            data-testid="parts-table"
            onChange={(p) => {
              const size = String(p.pageSize ?? DEFAULT_PAGE_SIZE);
              if (Number(size) !== pageSize) update({ pageSize: size });
              else update({ page: String(p.current ?? 1) }, true);
            }}
            pagination={{
              current: page,
              pageSize,
              total,
              showSizeChanger: true,
              pageSizeOptions: [10, 20, 50, 100],
              showTotal: (n) => t('common.total', { total: n }),
            }}
          />
        )}
      </Card>
      {canManage ? (
        <>
          <PartFormModal
            open={editing !== undefined}
            part={editing === 'new' ? undefined : editing}
            onClose={() => setEditing(undefined)}
          />
          <LevelsModal part={levelsOf} onClose={() => setLevelsOf(undefined)} />
        </>
      ) : null}
    </div>
  );
}
