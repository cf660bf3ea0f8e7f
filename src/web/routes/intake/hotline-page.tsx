import { CheckCircleOutlined, FileSearchOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import type { CustomerSummary } from '@shared/contracts/customers.contract';
import type { WorkOrderDetail, WorkOrderSummary } from '@shared/contracts/intake.contract';
import { parsePhone } from '@shared/domain/phone';
import { useQueryClient } from '@tanstack/react-query';
import { PageHeader } from '@web/components/page-header';
import { QueryErrorResult } from '@web/components/status-results';
import { useCan } from '@web/features/auth/hooks/use-current-user';
import { useCustomer } from '@web/features/customers/api/get-customer';
import { customersKeys } from '@web/features/customers/api/keys';
import { searchCustomersRequest } from '@web/features/customers/api/search-customers';
import { CustomerCardView } from '@web/features/customers/components/customer-card';
import { HotlineOrderForm, type NewCaller } from '@web/features/intake/components/hotline-order-form';
import { useCallForHotline } from '@web/features/telephony/api/get-call-for-hotline';
import { workOrdersKeys } from '@web/features/work-orders/api/keys';
import { listWorkOrdersRequest } from '@web/features/work-orders/api/list-work-orders';
import { OrderRow } from '@web/features/work-orders/components/customer-orders';
import { formatDateTime } from '@web/lib/format';
import { useI18n } from '@web/lib/i18n';
import {
  Alert,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Input,
  type InputRef,
  List,
  Result,
  Row,
  Skeleton,
  Typography,
} from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';

type SearchKind = 'phone' | 'order' | 'name' | 'partial';

interface SearchState {
  text: string;
  kind: SearchKind;
  /** What is sent as `q`: the normalised phone, the upper-cased number, the name. */
  q: string;
  status: 'loading' | 'done' | 'error';
  error?: unknown;
  customers: CustomerSummary[];
  orders: WorkOrderSummary[];
}

/** What the agent typed: a full phone, an order number (or part of one), or a customer's full name. */
export function classifySearch(text: string): { kind: SearchKind; q: string } {
  const s = text.trim();
  if (/^wo-/i.test(s)) return { kind: 'order', q: s.toUpperCase() };
  const phone = parsePhone(s);
  if (phone) return { kind: 'phone', q: phone.normalised };
  // Digits that are not a whole phone: most likely part of an order number ("0715-0003").
  if (/^[\d\s()+-]+$/.test(s)) return { kind: 'partial', q: s.replace(/\s/g, '') };
  return { kind: 'name', q: s };
}

const ORDER_PAGE = '20';

/**
 * 来电受理: the agent's screen for a call. Search by phone, name or order number (a CTI screen-pop opens
 * `?phone=…`), see the caller's card, and create the order on the same screen.
 */
export function HotlinePage() {
  const { t, lang } = useI18n();
  const can = useCan();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const phoneParam = params.get('phone');
  // The screen pop opens ?call=<callId>: the caller's number comes from the call record (audited), never the URL.
  const callParam = params.get('call');
  const incoming = useCallForHotline(callParam);
  const searchRef = useRef<InputRef>(null);
  const seq = useRef(0);

  const [searchText, setSearchText] = useState(phoneParam ?? '');
  const [search, setSearch] = useState<SearchState>();
  const [customerId, setCustomerId] = useState<string>();
  const [newCaller, setNewCaller] = useState<NewCaller>();
  const [created, setCreated] = useState<WorkOrderDetail>();
  const [formKey, setFormKey] = useState(0);

  const customer = useCustomer(customerId);

  const runSearch = useCallback(
    async (raw: string) => {
      const text = raw.trim();
      if (!text) return;
      const { kind, q } = classifySearch(text);
      const mySeq = ++seq.current;
      setCreated(undefined);
      setCustomerId(undefined);
      setNewCaller(undefined);
      setSearch({ text, kind, q, status: 'loading', customers: [], orders: [] });
      try {
        const [customers, orders] = await Promise.all([
          kind === 'phone' || kind === 'name'
            ? queryClient.fetchQuery({
                queryKey: [...customersKeys.searches(), { q }],
                queryFn: ({ signal }) => searchCustomersRequest({ q }, signal),
              })
            : undefined,
          kind !== 'name'
            ? queryClient.fetchQuery({
                queryKey: [...workOrdersKeys.lists(), { q, pageSize: ORDER_PAGE }],
                queryFn: ({ signal }) => listWorkOrdersRequest({ q, pageSize: ORDER_PAGE }, signal),
              })
            : undefined,
        ]);
        if (mySeq !== seq.current) return;
        const foundCustomers = customers?.items ?? [];
        const foundOrders = orders?.items ?? [];
        setSearch({ text, kind, q, status: 'done', customers: foundCustomers, orders: foundOrders });
        if (foundCustomers.length === 1) {
          setCustomerId(foundCustomers[0]?.id);
        } else if ((kind === 'order' || kind === 'partial') && foundOrders.length === 1) {
          setCustomerId(foundOrders[0]?.customer.id);
        } else if (foundCustomers.length === 0 && (kind === 'phone' || kind === 'name')) {
          setNewCaller({
            nonce: mySeq,
            ...(kind === 'phone' ? { phone: q } : { name: text }),
          });
        }
      } catch (error) {
        if (mySeq !== seq.current) return;
        setSearch({ text, kind, q, status: 'error', error, customers: [], orders: [] });
      }
    },
    [queryClient],
  );

  // CTI screen-pop: /intake/hotline?phone=13800138000 searches at once (also when the URL changes in place).
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs per popped number
  useEffect(() => {
    if (!phoneParam) return;
    setSearchText(phoneParam);
    void runSearch(phoneParam);
  }, [phoneParam]);

  const incomingCaller = incoming.data?.caller ?? null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once per popped call
  useEffect(() => {
    if (!incomingCaller) return;
    setSearchText(incomingCaller);
    void runSearch(incomingCaller);
  }, [incomingCaller]);

  const resetAll = () => {
    seq.current++;
    setSearch(undefined);
    setSearchText('');
    setCustomerId(undefined);
    setNewCaller(undefined);
    setCreated(undefined);
    setFormKey((k) => k + 1);
    if (params.has('phone') || params.has('call')) setParams({}, { replace: true });
    window.setTimeout(() => searchRef.current?.focus(), 0);
  };

  const clearCustomer = () => {
    setCustomerId(undefined);
    setNewCaller({ nonce: ++seq.current, ...(search?.kind === 'phone' ? { phone: search.q } : {}) });
  };

  // ---------- left column: what the search found ----------
  let found: React.ReactNode = null;
  if (search?.status === 'loading') {
    found = (
      <Card size="small">
        <Skeleton active />
      </Card>
    );
  } else if (search?.status === 'error') {
    found = (
      <Card size="small">
        <QueryErrorResult error={search.error} onRetry={() => void runSearch(search.text)} />
      </Card>
    );
  } else if (search?.status === 'done') {
    const showOrders = search.kind === 'order' || search.kind === 'partial';
    const pickCustomers = search.customers.length > 1 && !customerId;
    const notFound = (search.kind === 'phone' || search.kind === 'name') && search.customers.length === 0;
    found = (
      <Flex vertical gap={12}>
        {search.kind === 'partial' && search.orders.length === 0 ? (
          <Alert type="warning" showIcon title={t('intake.partialPhone')} data-testid="hotline-partial" />
        ) : null}
        {notFound ? (
          <Alert
            type="info"
            showIcon
            data-testid="hotline-not-found"
            title={
              search.kind === 'phone'
                ? t('intake.notFoundPhone', { phone: search.q })
                : t('intake.notFoundName', { name: search.text })
            }
            description={t('intake.notFoundHint')}
          />
        ) : null}
        {pickCustomers ? (
          <Card size="small" title={t('intake.pickCustomer', { count: search.customers.length })}>
            <List
              size="small"
              dataSource={search.customers}
              renderItem={(c) => (
                <List.Item
                  style={{ paddingInline: 0 }}
                  actions={[
                    <Button
                      key="pick"
                      size="small"
                      onClick={() => setCustomerId(c.id)}
                      data-testid="hotline-pick-customer"
                    >
                      {t('intake.pick')}
                    </Button>,
                  ]}
                >
                  <Flex vertical>
                    <Typography.Text strong>{c.name}</Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {c.phones.map((p) => p.masked).join(' / ')} · {c.addresses[0] ? `${c.addresses[0].district}` : ''}{' '}
                      · {formatDateTime(c.createdAt, lang, { seconds: false })}
                    </Typography.Text>
                  </Flex>
                </List.Item>
              )}
            />
          </Card>
        ) : null}
        {showOrders ? (
          <Card size="small" title={t('intake.ordersFound', { count: search.orders.length })}>
            {search.orders.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('intake.noOrdersFound')} />
            ) : (
              <List
                size="small"
                dataSource={search.orders}
                renderItem={(o) => (
                  <OrderRow key={o.id} order={o} onPick={(order) => setCustomerId(order.customer.id)} />
                )}
              />
            )}
          </Card>
        ) : null}
        {customerId ? (
          customer.isLoading ? (
            <Card size="small">
              <Skeleton active />
            </Card>
          ) : customer.isError ? (
            <Card size="small">
              <QueryErrorResult error={customer.error} onRetry={() => void customer.refetch()} />
            </Card>
          ) : customer.data ? (
            <CustomerCardView card={customer.data} testId="hotline-customer-card" />
          ) : null
        ) : null}
      </Flex>
    );
  }

  return (
    <div>
      <PageHeader title={t('intake.title')} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Input.Search
          ref={searchRef}
          autoFocus
          allowClear
          size="large"
          maxLength={64}
          value={searchText}
          placeholder={t('intake.searchPlaceholder')}
          enterButton={
            <Button type="primary" icon={<SearchOutlined />} data-testid="hotline-search-submit">
              {t('common.search')}
            </Button>
          }
          onChange={(e) => setSearchText(e.target.value)}
          onSearch={(value, _e, info) => {
            if (info?.source === 'clear') return;
            void runSearch(value);
          }}
          data-testid="hotline-search"
        />
      </Card>

      <Row gutter={[12, 12]}>
        <Col xs={24} lg={10} xl={9}>
          {found ?? (
            <Card size="small">
              <Empty
                image={<FileSearchOutlined style={{ fontSize: 40, color: 'rgba(0,0,0,0.25)' }} />}
                description={t('intake.searchHint')}
              />
            </Card>
          )}
        </Col>
        <Col xs={24} lg={14} xl={15}>
          {created ? (
            <Card size="small" data-testid="wo-created">
              <Result
                status="success"
                icon={<CheckCircleOutlined />}
                title={t('intake.created')}
                subTitle={
                  <Flex vertical gap={4} align="center">
                    <Typography.Text copyable strong style={{ fontSize: 20 }} data-testid="wo-created-number">
                      {created.number}
                    </Typography.Text>
                    <Typography.Text type="secondary">
                      {t('intake.createdEstimate', {
                        at: formatDateTime(created.estimatedAt, lang, { seconds: false }),
                      })}
                    </Typography.Text>
                  </Flex>
                }
                extra={[
                  <Button
                    key="next"
                    type="primary"
                    icon={<PlusOutlined />}
                    autoFocus
                    onClick={resetAll}
                    data-testid="wo-new-next"
                  >
                    {t('intake.newNext')}
                  </Button>,
                  <Link key="open" to={`/work-orders/${created.id}`} data-testid="wo-created-open">
                    <Button>{t('intake.openOrder')}</Button>
                  </Link>,
                ]}
              />
            </Card>
          ) : can('workorders.create') ? (
            <HotlineOrderForm
              key={formKey}
              customer={customerId ? customer.data : undefined}
              newCaller={newCaller}
              onCreated={setCreated}
              onClearCustomer={clearCustomer}
            />
          ) : null}
        </Col>
      </Row>
    </div>
  );
}
