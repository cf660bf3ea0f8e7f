import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { CERTIFICATE_LABELS, CERTIFICATE_STATES, type TechnicianSummary } from '@shared/contracts/dispatch.contract';
import { SKILL_CODES, SKILL_LABELS, type SkillCode } from '@shared/contracts/intake.contract';
import { PageHeader } from '@web/components/page-header';
import { QueryErrorResult } from '@web/components/status-results';
import { useCan } from '@web/features/auth/hooks/use-current-user';
import { useBranches } from '@web/features/branches/api/list-branches';
import { useCertificateAlerts } from '@web/features/technicians/api/list-certificate-alerts';
import { type ListTechniciansQuery, useTechnicians } from '@web/features/technicians/api/list-technicians';
import { CertificateChips, CertificateStateTag, SkillTags } from '@web/features/technicians/components/tags';
import { TechnicianFormModal } from '@web/features/technicians/components/technician-form-modal';
import { type CertificateState, patternText } from '@web/features/technicians/labels';
import { useI18n } from '@web/lib/i18n';
import { useUrlFilters } from '@web/lib/use-url-filters';
import {
  Badge,
  Button,
  Card,
  Col,
  Flex,
  Input,
  Row,
  Select,
  Table,
  type TableColumnsType,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';

const DEFAULT_PAGE_SIZE = 20;
type AlertRow = NonNullable<ReturnType<typeof useCertificateAlerts>['data']>['items'][number];

/** Filters, tab and page live in the URL, so "back" from a technician returns to the same list. */
function useListParams() {
  const { get, update, clear } = useUrlFilters();
  return { get, update, clear };
}

/** 技术人员: the technicians of the branch (skills, certificate state) and the certificate alerts. */
export function TechniciansPage() {
  const { t, lang } = useI18n();
  const can = useCan();
  const canManage = can('technicians.manage');
  const { get, update, clear } = useListParams();
  const tab = get('tab') === 'alerts' ? 'alerts' : 'list';
  const query: ListTechniciansQuery = {
    page: get('page') ?? '1',
    pageSize: get('pageSize') ?? String(DEFAULT_PAGE_SIZE),
    q: get('q'),
    branchId: get('branchId'),
    skill: get('skill') as SkillCode | undefined,
    certificateState: get('certificateState') as CertificateState | undefined,
    active: (get('active') as 'true' | 'false' | 'all' | undefined) ?? 'true',
  };
  const horizon = get('days') ?? '30';
  const alertsPage = get('alertsPage') ?? '1';
  const technicians = useTechnicians(query, { enabled: tab === 'list' });
  const alerts = useCertificateAlerts({ days: horizon, page: alertsPage, pageSize: String(DEFAULT_PAGE_SIZE) });
  const branches = useBranches();
  const [searchText, setSearchText] = useState(query.q ?? '');
  const [creating, setCreating] = useState(false);

  const branchName = useMemo(() => {
    const names = new Map((branches.data?.items ?? []).map((b) => [b.id, b.name]));
    return (id: string) => names.get(id) ?? '—';
  }, [branches.data]);

  const columns: TableColumnsType<TechnicianSummary> = [
    {
      title: t('tech.col.staffNo'),
      dataIndex: 'staffNo',
      key: 'staffNo',
      fixed: 'left',
      render: (no: string, r) => (
        <Link to={`/technicians/${r.id}`} data-testid={`tech-link-${no}`}>
          <span style={{ whiteSpace: 'nowrap' }}>{no}</span>
        </Link>
      ),
    },
    {
      title: t('tech.col.name'),
      key: 'name',
      render: (_, r) => (
        <Flex vertical style={{ whiteSpace: 'nowrap' }}>
          <span>{r.name}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.username}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('tech.col.branch'), key: 'branch', render: (_, r) => branchName(r.branchId) },
    {
      title: t('tech.col.skills'),
      key: 'skills',
      render: (_, r) => (
        <div style={{ minWidth: 220, maxWidth: 360 }}>
          <SkillTags skills={r.skills} />
        </div>
      ),
    },
    {
      title: t('tech.col.certificates'),
      key: 'certificates',
      render: (_, r) => (
        <Flex vertical gap={4} align="flex-start">
          <CertificateStateTag state={r.certificateState} />
          <CertificateChips certificates={r.certificates} />
        </Flex>
      ),
    },
    {
      title: t('tech.col.schedule'),
      key: 'schedule',
      render: (_, r) => <span style={{ whiteSpace: 'nowrap' }}>{patternText(t, r)}</span>,
    },
    {
      title: t('tech.col.capacity'),
      key: 'capacity',
      render: (_, r) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          {t('tech.capacity', { jobs: r.maxJobsPerDay, hours: Math.round((r.maxMinutesPerDay / 60) * 10) / 10 })}
        </span>
      ),
    },
    {
      title: t('tech.col.status'),
      key: 'active',
      render: (_, r) =>
        r.active ? <Tag color="success">{t('tech.active.true')}</Tag> : <Tag>{t('tech.active.false')}</Tag>,
    },
  ];

  const alertColumns: TableColumnsType<AlertRow> = [
    {
      title: t('tech.alert.technician'),
      key: 'technician',
      render: (_, a) => (
        <Link
          to={`/technicians/${a.technician.id}`}
          data-testid={`cert-alert-${a.technician.staffNo}-${a.certificate.type}`}
        >
          <span style={{ whiteSpace: 'nowrap' }}>
            {a.technician.staffNo} {a.technician.name}
          </span>
        </Link>
      ),
    },
    { title: t('tech.col.branch'), key: 'branch', render: (_, a) => branchName(a.technician.branchId) },
    { title: t('tech.cert.type'), key: 'type', render: (_, a) => CERTIFICATE_LABELS[a.certificate.type][lang] },
    { title: t('tech.cert.number'), key: 'number', render: (_, a) => a.certificate.number },
    {
      title: t('tech.cert.expiresOn'),
      key: 'expiresOn',
      render: (_, a) => <span style={{ whiteSpace: 'nowrap' }}>{a.certificate.expiresOn}</span>,
    },
    {
      title: t('tech.cert.state'),
      key: 'state',
      render: (_, a) => <CertificateStateTag state={a.certificate.state} daysLeft={a.certificate.daysLeft} />,
    },
  ];

  const listTab = (
    <>
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }} data-testid="tech-filters">
        <Col xs={24} md={12} xl={6}>
          <Input.Search
            allowClear
            placeholder={t('tech.searchPlaceholder')}
            maxLength={50}
            value={searchText}
            onChange={(e) => {
              setSearchText(e.target.value);
              if (e.target.value === '') update({ q: undefined });
            }}
            onSearch={(v) => update({ q: v.trim() || undefined })}
            data-testid="tech-search"
          />
        </Col>
        <Col xs={12} md={6} xl={4}>
          <Select<string>
            allowClear
            style={{ width: '100%' }}
            placeholder={t('tech.filter.branch')}
            value={query.branchId}
            onChange={(v) => update({ branchId: v })}
            options={(branches.data?.items ?? []).map((b) => ({ value: b.id, label: b.name }))}
            data-testid="tech-filter-branch"
          />
        </Col>
        <Col xs={12} md={6} xl={4}>
          <Select<SkillCode>
            allowClear
            style={{ width: '100%' }}
            placeholder={t('tech.filter.skill')}
            value={query.skill}
            onChange={(v) => update({ skill: v })}
            options={SKILL_CODES.map((s) => ({ value: s, label: SKILL_LABELS[s][lang] }))}
            data-testid="tech-filter-skill"
          />
        </Col>
        <Col xs={12} md={6} xl={4}>
          <Select<CertificateState>
            allowClear
            style={{ width: '100%' }}
            placeholder={t('tech.filter.certState')}
            value={query.certificateState}
            onChange={(v) => update({ certificateState: v })}
            options={CERTIFICATE_STATES.map((s) => ({ value: s, label: t(`tech.cert.${s}`) }))}
            data-testid="tech-filter-cert"
          />
        </Col>
        <Col xs={12} md={6} xl={3}>
          <Select<'true' | 'false' | 'all'>
            style={{ width: '100%' }}
            value={query.active}
            onChange={(v) => update({ active: v === 'true' ? undefined : v })}
            options={(['true', 'false', 'all'] as const).map((v) => ({ value: v, label: t(`tech.active.${v}`) }))}
            data-testid="tech-filter-active"
          />
        </Col>
        <Col xs={24} xl={3}>
          <Flex gap={8}>
            <Button
              onClick={() => {
                setSearchText('');
                clear();
              }}
              data-testid="tech-filter-reset"
            >
              {t('common.reset')}
            </Button>
            <Button
              icon={<ReloadOutlined />}
              onClick={() => void technicians.refetch()}
              aria-label={t('common.reload')}
            />
          </Flex>
        </Col>
      </Row>
      {technicians.isError && !technicians.data ? (
        <QueryErrorResult error={technicians.error} onRetry={() => void technicians.refetch()} />
      ) : (
        <Table<TechnicianSummary>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={technicians.data?.items ?? []}
          loading={technicians.isFetching}
          scroll={{ x: 'max-content' }}
          data-testid="technicians-table"
          onChange={(pagination) => {
            const pageSize = String(pagination.pageSize ?? DEFAULT_PAGE_SIZE);
            if (pageSize !== query.pageSize) update({ pageSize, page: undefined });
            else update({ page: String(pagination.current ?? 1) }, true);
          }}
          pagination={{
            current: Number(query.page ?? 1),
            pageSize: Number(query.pageSize ?? DEFAULT_PAGE_SIZE),
            total: technicians.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [10, 20, 50, 100],
            showTotal: (total) => t('common.total', { total }),
          }}
        />
      )}
    </>
  );

  const alertsTab = (
    <>
      <Flex gap={8} align="center" style={{ marginBottom: 16 }} wrap>
        <Typography.Text>{t('tech.alert.horizon')}</Typography.Text>
        <Select<string>
          style={{ width: 140 }}
          value={horizon}
          onChange={(v) => update({ days: v === '30' ? undefined : v, alertsPage: undefined })}
          options={['30', '60', '90'].map((d) => ({ value: d, label: t('tech.alert.horizonDays', { days: d }) }))}
          data-testid="cert-alerts-horizon"
        />
      </Flex>
      {alerts.isError && !alerts.data ? (
        <QueryErrorResult error={alerts.error} onRetry={() => void alerts.refetch()} />
      ) : (
        <Table<AlertRow>
          rowKey={(a) => a.certificate.id}
          size="middle"
          columns={alertColumns}
          dataSource={alerts.data?.items ?? []}
          loading={alerts.isFetching}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('tech.alert.empty') }}
          data-testid="cert-alerts-table"
          onChange={(p) => update({ alertsPage: String(p.current ?? 1) }, true)}
          pagination={{
            current: Number(alertsPage),
            pageSize: DEFAULT_PAGE_SIZE,
            total: alerts.data?.total ?? 0,
            showTotal: (total) => t('common.total', { total }),
          }}
        />
      )}
    </>
  );

  return (
    <div>
      <PageHeader
        title={t('tech.title')}
        extra={
          canManage ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="tech-create">
              {t('tech.new')}
            </Button>
          ) : (
            <Tag>{t('audit.readOnly')}</Tag>
          )
        }
      />
      <Card styles={{ body: { padding: 16, paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          onChange={(k) => update({ tab: k === 'alerts' ? 'alerts' : undefined }, true)}
          items={[
            { key: 'list', label: <span data-testid="tech-tab-list">{t('tech.tab.list')}</span>, children: listTab },
            {
              key: 'alerts',
              label: (
                <span data-testid="tech-tab-alerts">
                  {t('tech.tab.alerts')}{' '}
                  <Badge count={alerts.data?.total ?? 0} size="small" data-testid="cert-alerts-count" />
                </span>
              ),
              children: alertsTab,
            },
          ]}
        />
      </Card>
      {canManage ? <TechnicianFormModal open={creating} onClose={() => setCreating(false)} /> : null}
    </div>
  );
}
