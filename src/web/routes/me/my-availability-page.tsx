import { CALENDAR_KIND_LABELS, type CalendarEntry } from '@shared/contracts/dispatch.contract';
import { PageHeader } from '@web/components/page-header';
import { QueryErrorResult } from '@web/components/status-results';
import { useMyAvailabilityRequests } from '@web/features/technicians/api/list-my-availability-requests';
import { useRequestAvailability } from '@web/features/technicians/api/request-availability';
import {
  AVAILABILITY_FIELDS,
  AvailabilityFields,
  type AvailabilityValues,
  availabilityBody,
} from '@web/features/technicians/components/availability-fields';
import { CalendarStatusTag } from '@web/features/technicians/components/tags';
import { applyFormErrors } from '@web/features/technicians/form-errors';
import { entryTimeText } from '@web/features/technicians/labels';
import { DISPLAY_TIME_ZONE, formatDateTime } from '@web/lib/format';
import { useI18n } from '@web/lib/i18n';
import { randomUuid } from '@web/lib/uuid';
import { Alert, App, Button, Card, Empty, Flex, Form, List, Pagination, Typography } from 'antd';
import { useMemo, useState } from 'react';

const PAGE_SIZE = 10;

/** Today in the company's zone, "2026-07-15" (the earliest day a request may name). */
function todayInZone(): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: DISPLAY_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
}

/**
 * 我的请假 (the technician's own page, phone first): ask for leave, a day off or an extra shift, and follow the
 * decisions. One column, native date and time pickers, one Idempotency-Key per form instance.
 */
export function MyAvailabilityPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<AvailabilityValues>();
  const request = useRequestAvailability();
  const [page, setPage] = useState(1);
  const mine = useMyAvailabilityRequests({ page: String(page), pageSize: String(PAGE_SIZE) });
  const [formError, setFormError] = useState<string[]>([]);
  // A new key after each successful request: a double tap sends the same key, a new request a new one.
  const [idempotencyKey, setIdempotencyKey] = useState(randomUuid);
  const today = useMemo(todayInZone, []);

  const onFinish = (v: AvailabilityValues) => {
    setFormError([]);
    request.mutate(
      { body: availabilityBody(v), idempotencyKey },
      {
        onSuccess: () => {
          void message.success(t('avail.my.submitted'));
          form.resetFields();
          setIdempotencyKey(randomUuid());
          setPage(1);
        },
        onError: (error) => setFormError(applyFormErrors(form, error, AVAILABILITY_FIELDS)),
      },
    );
  };

  return (
    <div style={{ maxWidth: 560, margin: '0 auto' }}>
      <PageHeader title={t('avail.my.title')} />
      <Card title={t('avail.my.new')} style={{ marginBottom: 16 }} styles={{ body: { paddingTop: 12 } }}>
        {formError.length > 0 ? (
          <Alert
            type="error"
            showIcon
            title={formError.join('；')}
            style={{ marginBottom: 12 }}
            data-testid="avail-form-error"
          />
        ) : null}
        <Form<AvailabilityValues>
          form={form}
          layout="vertical"
          onFinish={onFinish}
          initialValues={{ kind: 'leave', partDay: false }}
          data-testid="avail-form"
        >
          <AvailabilityFields form={form} minDay={today} />
          <Button
            type="primary"
            htmlType="submit"
            size="large"
            block
            loading={request.isPending}
            data-testid="avail-submit"
          >
            {t('avail.my.submit')}
          </Button>
        </Form>
      </Card>

      <Card title={t('avail.my.list')} styles={{ body: { paddingTop: 4 } }}>
        {mine.isError && !mine.data ? (
          <QueryErrorResult error={mine.error} onRetry={() => void mine.refetch()} />
        ) : (mine.data?.items.length ?? 0) === 0 && !mine.isFetching ? (
          <Empty description={t('avail.my.empty')} />
        ) : (
          <>
            <List<CalendarEntry>
              loading={mine.isFetching && !mine.data}
              dataSource={mine.data?.items ?? []}
              data-testid="avail-my-list"
              renderItem={(e) => (
                <List.Item key={e.id} data-testid={`avail-my-${e.day}-${e.kind}`}>
                  <Flex vertical gap={2} style={{ width: '100%' }}>
                    <Flex justify="space-between" align="center" gap={8}>
                      <Typography.Text strong>
                        {e.day} · {CALENDAR_KIND_LABELS[e.kind][lang]} · {entryTimeText(t, e)}
                      </Typography.Text>
                      <CalendarStatusTag status={e.status} />
                    </Flex>
                    <Typography.Text>{e.reason}</Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {e.decidedByName
                        ? t('avail.decidedBy', {
                            name: e.decidedByName,
                            at: formatDateTime(e.decidedAt, lang, { seconds: false }),
                          })
                        : formatDateTime(e.requestedAt, lang, { seconds: false })}
                    </Typography.Text>
                    {e.decisionNote ? (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('avail.my.note', { note: e.decisionNote })}
                      </Typography.Text>
                    ) : null}
                  </Flex>
                </List.Item>
              )}
            />
            {(mine.data?.total ?? 0) > PAGE_SIZE ? (
              <Flex justify="center" style={{ marginTop: 12 }}>
                <Pagination
                  size="small"
                  current={page}
                  pageSize={PAGE_SIZE}
                  total={mine.data?.total ?? 0}
                  onChange={setPage}
                />
              </Flex>
            ) : null}
          </>
        )}
      </Card>
    </div>
  );
}
