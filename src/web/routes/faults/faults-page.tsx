import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { type FaultCategory, type FaultCode, SKILL_LABELS } from '@shared/contracts/intake.contract';
import { BRANDS } from '@shared/domain/work-order';
import { PageHeader } from '@web/components/page-header';
import { QueryErrorResult } from '@web/components/status-results';
import { useCan } from '@web/features/auth/hooks/use-current-user';
import { useFaultCategories } from '@web/features/faults/api/list-fault-categories';
import { CategoryFormModal } from '@web/features/faults/components/category-form-modal';
import { FaultCodeFormModal } from '@web/features/faults/components/fault-code-form-modal';
import { useI18n } from '@web/lib/i18n';
import { Button, Card, Col, Flex, Input, Row, Select, Table, type TableColumnsType, Tabs, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';

function Tags({ values }: { values: readonly string[] }) {
  if (values.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Flex wrap gap={4}>
      {values.map((v) => (
        <Tag key={v} style={{ marginInlineEnd: 0 }}>
          {v}
        </Tag>
      ))}
    </Flex>
  );
}

/** 故障知识库: the fault categories (standard time, skills, tier, parts) and the brands' error codes. */
export function FaultsPage() {
  const { t, lang } = useI18n();
  const can = useCan();
  const canManage = can('faults.manage');
  const catalog = useFaultCategories({ includeInactive: canManage });
  const [editingCategory, setEditingCategory] = useState<FaultCategory>();
  const [codeForm, setCodeForm] = useState<{ open: boolean; code?: FaultCode }>({ open: false });
  const [brand, setBrand] = useState<string>();
  const [codeQuery, setCodeQuery] = useState('');

  const categories = catalog.data?.items ?? [];
  const categoryName = (code: string) => {
    const c = categories.find((x) => x.code === code);
    return c ? (lang === 'zh-CN' ? c.nameZh : c.nameEn) : code;
  };
  const skillNames = (skills: readonly (keyof typeof SKILL_LABELS)[]) => skills.map((s) => SKILL_LABELS[s][lang]);

  const codes = useMemo(() => {
    const all = categories.flatMap((c) => c.codes);
    const q = codeQuery.trim().toUpperCase();
    return all
      .filter((c) => !brand || c.brand === brand)
      .filter((c) => !q || c.code.toUpperCase().includes(q) || c.meaningZh.includes(codeQuery.trim()))
      .sort((a, b) => a.brand.localeCompare(b.brand, 'zh-CN') || a.code.localeCompare(b.code));
  }, [categories, brand, codeQuery]);

  const categoryColumns: TableColumnsType<FaultCategory> = [
    {
      title: t('faults.category'),
      key: 'name',
      render: (_, c) => (
        <Flex vertical>
          <Typography.Text strong>{lang === 'zh-CN' ? c.nameZh : c.nameEn}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {c.code}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('faults.standardMinutes'),
      dataIndex: 'standardMinutes',
      key: 'standardMinutes',
      align: 'right',
      render: (m: number) => t('faults.minutes', { m }),
    },
    { title: t('faults.difficulty'), dataIndex: 'difficulty', key: 'difficulty', align: 'center' },
    {
      title: t('faults.complexity'),
      dataIndex: 'complexity',
      key: 'complexity',
      render: (c: FaultCategory['complexity']) => (
        <Tag color={c === 'complex' ? 'orange' : 'default'}>{t(`faults.complexity.${c}`)}</Tag>
      ),
    },
    { title: t('faults.skills'), key: 'skills', render: (_, c) => <Tags values={skillNames(c.requiredSkills)} /> },
    { title: t('faults.parts'), key: 'parts', render: (_, c) => <Tags values={c.likelyParts} /> },
    { title: t('faults.codesCount'), key: 'codes', align: 'right', render: (_, c) => c.codes.length },
    {
      title: t('faults.active'),
      dataIndex: 'active',
      key: 'active',
      render: (a: boolean) => (a ? <Tag color="success">{t('faults.on')}</Tag> : <Tag>{t('faults.off')}</Tag>),
    },
    { title: t('faults.version'), dataIndex: 'version', key: 'version', align: 'right' },
  ];
  if (canManage) {
    categoryColumns.push({
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, c) => (
        <Button
          size="small"
          type="link"
          icon={<EditOutlined />}
          onClick={() => setEditingCategory(c)}
          data-testid={`fault-category-edit-${c.code}`}
        >
          {t('common.edit')}
        </Button>
      ),
    });
  }

  const codeColumns: TableColumnsType<FaultCode> = [
    { title: t('intake.field.brand'), dataIndex: 'brand', key: 'brand' },
    {
      title: t('faults.code'),
      dataIndex: 'code',
      key: 'code',
      render: (code: string) => <Typography.Text code>{code}</Typography.Text>,
    },
    {
      title: t('faults.meaning'),
      key: 'meaning',
      render: (_, c) => (
        <span style={{ display: 'inline-block', minWidth: 160 }}>{lang === 'zh-CN' ? c.meaningZh : c.meaningEn}</span>
      ),
    },
    { title: t('faults.category'), key: 'category', render: (_, c) => categoryName(c.categoryCode) },
    {
      title: t('faults.standardMinutes'),
      dataIndex: 'standardMinutes',
      key: 'standardMinutes',
      align: 'right',
      render: (m: number) => t('faults.minutes', { m }),
    },
    {
      title: t('faults.complexity'),
      dataIndex: 'complexity',
      key: 'complexity',
      render: (c: FaultCode['complexity']) => (
        <Tag color={c === 'complex' ? 'orange' : 'default'}>{t(`faults.complexity.${c}`)}</Tag>
      ),
    },
    { title: t('faults.skills'), key: 'skills', render: (_, c) => <Tags values={skillNames(c.requiredSkills)} /> },
    { title: t('faults.parts'), key: 'parts', render: (_, c) => <Tags values={c.likelyParts} /> },
    { title: t('faults.version'), dataIndex: 'version', key: 'version', align: 'right' },
  ];
  if (canManage) {
    codeColumns.push({
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, c) => (
        <Button
          size="small"
          type="link"
          icon={<EditOutlined />}
          onClick={() => setCodeForm({ open: true, code: c })}
          data-testid={`fault-code-edit-${c.brand}-${c.code}`}
        >
          {t('common.edit')}
        </Button>
      ),
    });
  }

  if (catalog.isError && !catalog.data) {
    return <QueryErrorResult error={catalog.error} onRetry={() => void catalog.refetch()} />;
  }

  return (
    <div>
      <PageHeader title={t('faults.title')} extra={canManage ? null : <Tag>{t('audit.readOnly')}</Tag>} />
      <Card styles={{ body: { padding: 16, paddingTop: 4 } }}>
        <Tabs
          items={[
            {
              key: 'categories',
              label: t('faults.categories'),
              children: (
                <Table<FaultCategory>
                  rowKey="code"
                  size="middle"
                  columns={categoryColumns}
                  dataSource={categories}
                  loading={catalog.isFetching}
                  scroll={{ x: 'max-content' }}
                  pagination={false}
                  data-testid="fault-categories-table"
                />
              ),
            },
            {
              key: 'codes',
              label: t('faults.codes'),
              children: (
                <>
                  <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
                    <Col xs={12} md={6}>
                      <Select<string>
                        allowClear
                        style={{ width: '100%' }}
                        placeholder={t('intake.field.brand')}
                        value={brand}
                        onChange={setBrand}
                        options={BRANDS.map((b) => ({ value: b, label: b }))}
                        data-testid="fault-codes-brand"
                      />
                    </Col>
                    <Col xs={12} md={6}>
                      <Input
                        allowClear
                        placeholder={t('faults.codeSearch')}
                        value={codeQuery}
                        onChange={(e) => setCodeQuery(e.target.value)}
                        data-testid="fault-codes-search"
                      />
                    </Col>
                    {canManage ? (
                      <Col xs={24} md={12} style={{ textAlign: 'right' }}>
                        <Button
                          type="primary"
                          icon={<PlusOutlined />}
                          onClick={() => setCodeForm({ open: true })}
                          data-testid="fault-code-add"
                        >
                          {t('faults.addCode')}
                        </Button>
                      </Col>
                    ) : null}
                  </Row>
                  <Table<FaultCode>
                    rowKey="id"
                    size="middle"
                    columns={codeColumns}
                    dataSource={codes}
                    loading={catalog.isFetching}
                    scroll={{ x: 'max-content' }}
                    pagination={{ pageSize: 20, showTotal: (total) => t('common.total', { total }) }}
                    data-testid="fault-codes-table"
                  />
                </>
              ),
            },
          ]}
        />
      </Card>
      <CategoryFormModal category={editingCategory} onClose={() => setEditingCategory(undefined)} />
      <FaultCodeFormModal
        open={codeForm.open}
        faultCode={codeForm.code}
        categories={categories}
        onClose={() => setCodeForm({ open: false })}
      />
    </div>
  );
}
