import type { StocktakeScope, StocktakeSummary } from '@shared/contracts/stocktakes.contract';
import { PART_CATEGORIES, PART_CATEGORY_LABELS, type PartCategory } from '@shared/domain/parts';
import { isApiError } from '@web/lib/api';
import { applyServerErrors } from '@web/lib/errors';
import { useI18n } from '@web/lib/i18n';
import { randomUuid } from '@web/lib/uuid';
import { Alert, Button, Form, Input, Radio, Select } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { listStocktakesRequest } from '../api/list-stocktakes';
import { useStartStocktake } from '../api/start-stocktake';
import { partsErrorText } from '../errors';
import { openStocktakeFromDetails } from '../stocktake-counting';
import { LocationSelect } from './pickers';

interface Values {
  locationId?: string;
  scope: StocktakeScope;
  categories?: PartCategory[];
  note?: string;
}

/** The open (counting or submitted) stocktake of a location, looked up when the server did not name it. */
async function findOpenStocktake(locationId: string): Promise<{ id: string; number: string } | undefined> {
  for (const status of ['counting', 'submitted'] as const) {
    const page = await listStocktakesRequest({ locationId, status, pageSize: '1' });
    const s: StocktakeSummary | undefined = page.items[0];
    if (s) return { id: s.id, number: s.number };
  }
  return undefined;
}

/**
 * 开始盘点: a location (any visible one: central, store, van), full or a cycle count of some categories, a note.
 * One Idempotency-Key per form instance (renewed after a start). A 409 (the location already has an open
 * stocktake) shows that one with a link instead of a bare error.
 */
export function StocktakeStartForm({ onStarted }: { onStarted: (id: string) => void }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<Values>();
  const start = useStartStocktake();
  const [key, setKey] = useState(randomUuid);
  const [error, setError] = useState<string[]>([]);
  const [open, setOpen] = useState<{ id: string; number: string } | undefined>();
  const scope = Form.useWatch('scope', form) ?? 'full';

  const onFinish = (v: Values) => {
    setError([]);
    setOpen(undefined);
    start.mutate(
      {
        idempotencyKey: key,
        body: {
          locationId: v.locationId as string,
          scope: v.scope,
          categories: v.scope === 'cycle' ? v.categories : undefined,
          note: v.note?.trim() || undefined,
        },
      },
      {
        onSuccess: (s) => {
          setKey(randomUuid());
          form.resetFields();
          onStarted(s.id);
        },
        onError: async (e) => {
          if (isApiError(e) && e.status === 409 && v.locationId) {
            const found = openStocktakeFromDetails(e.details) ?? (await findOpenStocktake(v.locationId));
            if (found) {
              setOpen(found);
              return;
            }
          }
          setError(
            isApiError(e) && e.code === 'VALIDATION_FAILED'
              ? applyServerErrors(form, e, ['locationId', 'scope', 'categories', 'note'])
              : [partsErrorText(t, e)],
          );
        },
      },
    );
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      size="large"
      initialValues={{ scope: 'full' }}
      onFinish={onFinish}
      onValuesChange={() => setOpen(undefined)}
      data-testid="stocktake-start-form"
      data-idempotency-key={key}
    >
      {open ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="stocktake-open-exists"
          title={t('stocktake.start.openExists', { number: open.number })}
          description={
            <Link to={`/parts/stocktakes/${open.id}`} data-testid="stocktake-open-link">
              {t('stocktake.start.openLink', { number: open.number })}
            </Link>
          }
        />
      ) : null}
      {error.length > 0 ? (
        <Alert
          type="error"
          showIcon
          title={error.join('；')}
          style={{ marginBottom: 12 }}
          data-testid="stocktake-start-error"
        />
      ) : null}
      <Form.Item
        name="locationId"
        label={t('stocktake.field.location')}
        rules={[{ required: true, message: t('validation.required', { field: t('stocktake.field.location') }) }]}
      >
        <LocationSelect testId="stocktake-location" />
      </Form.Item>
      <Form.Item name="scope" label={t('stocktake.field.scope')}>
        <Radio.Group optionType="button" buttonStyle="solid" style={{ display: 'flex' }} data-testid="stocktake-scope">
          <Radio.Button value="full" style={{ flex: 1, textAlign: 'center' }}>
            <span data-testid="stocktake-scope-full">{t('stocktake.scope.full')}</span>
          </Radio.Button>
          <Radio.Button value="cycle" style={{ flex: 1, textAlign: 'center' }}>
            <span data-testid="stocktake-scope-cycle">{t('stocktake.scope.cycle')}</span>
          </Radio.Button>
        </Radio.Group>
      </Form.Item>
      {scope === 'cycle' ? (
        <Form.Item
          name="categories"
          label={t('stocktake.field.categories')}
          rules={[{ required: true, message: t('validation.required', { field: t('stocktake.field.categories') }) }]}
        >
          <Select<PartCategory[]>
            mode="multiple"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={PART_CATEGORIES.map((c) => ({ value: c, label: PART_CATEGORY_LABELS[c][lang] }))}
            data-testid="stocktake-categories"
          />
        </Form.Item>
      ) : null}
      <Form.Item name="note" label={t('stocktake.field.note')} rules={[{ max: 500 }]}>
        <Input.TextArea rows={2} maxLength={500} data-testid="stocktake-note" />
      </Form.Item>
      <Form.Item extra={t('stocktake.start.hint')}>
        <Button
          type="primary"
          htmlType="submit"
          block
          size="large"
          loading={start.isPending}
          data-testid="stocktake-start-submit"
        >
          {t('stocktake.start.submit')}
        </Button>
      </Form.Item>
    </Form>
  );
}
