import type { Part } from '@shared/contracts/parts.contract';
import { isApiError } from '@web/lib/api';
import { applyServerErrors } from '@web/lib/errors';
import { useI18n } from '@web/lib/i18n';
import { tid } from '@web/lib/test-id';
import { randomUuid } from '@web/lib/uuid';
import { Alert, App, Col, Form, Input, InputNumber, Modal, Row } from 'antd';
import { useEffect, useState } from 'react';
import { type PostStockMovementBody, usePostStockMovement } from '../api/post-stock-movement';
import { partsErrorText } from '../errors';
import { yuanToFen } from '../money';
import { LocationSelect, PartSelect } from './pickers';

export type MoveKind = 'receipt' | 'transfer' | 'scrap' | 'adjustment';

interface Values {
  partId?: string;
  locationId?: string;
  fromLocationId?: string;
  toLocationId?: string;
  quantity?: number;
  delta?: number;
  serials?: string;
  serial?: string;
  lot?: string;
  expiryDate?: string;
  unitCost?: string;
  supplier?: string;
  reason?: string;
  note?: string;
}

const FIELDS = [
  'partId',
  'locationId',
  'fromLocationId',
  'toLocationId',
  'quantity',
  'delta',
  'serials',
  'serial',
  'lot',
  'expiryDate',
  'unitCost',
  'supplier',
  'reason',
  'note',
];
const PATH_MAP = { unitCostFen: 'unitCost' };
const SERIAL = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,59}$/;

/** Split pasted / scanned serials: newlines, commas, spaces. */
export function splitSerials(text: string | undefined): string[] {
  return (text ?? '')
    .split(/[\s,，;；]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A serials text area validator: each well formed, none twice, optionally an exact count. */
export function serialsRule(t: ReturnType<typeof useI18n>['t'], count?: number) {
  return {
    validator: (_r: unknown, value: string | undefined) => {
      const list = splitSerials(value);
      const bad = list.find((s) => !SERIAL.test(s));
      if (bad) return Promise.reject(new Error(t('stock.serialsInvalid')));
      const seen = new Set<string>();
      for (const s of list) {
        if (seen.has(s)) return Promise.reject(new Error(t('stock.serialsDuplicate', { serial: s })));
        seen.add(s);
      }
      if (count !== undefined && list.length !== count)
        return Promise.reject(new Error(t('req.issue.serialsCount', { count, given: list.length })));
      if (count === undefined && list.length === 0)
        return Promise.reject(new Error(t('validation.required', { field: t('stock.field.serial') })));
      return Promise.resolve();
    },
  };
}

/**
 * Receive, transfer, scrap or adjust one part. The request id is drawn once per opening, so a double click or a
 * retry after a lost reply posts once; a failed posting changes nothing and may be sent again with the same id.
 */
export function MovementModal({
  kind,
  initialPart,
  onClose,
}: {
  kind: MoveKind | undefined;
  initialPart?: Part;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const post = usePostStockMovement();
  const [requestId, setRequestId] = useState('');
  const [part, setPart] = useState<Part | undefined>();
  const [formError, setFormError] = useState<string[]>([]);

  useEffect(() => {
    if (!kind) return;
    setRequestId(randomUuid());
    setFormError([]);
    setPart(initialPart);
    form.resetFields();
    if (initialPart) form.setFieldsValue({ partId: initialPart.id });
  }, [kind, initialPart, form]);

  const serialTracked = part?.serialTracked ?? false;
  const lotTracked = part?.lotTracked ?? false;

  const onFinish = (v: Values) => {
    if (!kind || !v.partId) return;
    setFormError([]);
    const note = v.note?.trim() || undefined;
    const units =
      serialTracked && kind !== 'adjustment'
        ? { serials: splitSerials(v.serials) }
        : kind !== 'adjustment'
          ? { quantity: v.quantity }
          : {};
    const lot = lotTracked && v.lot?.trim() ? { lot: v.lot.trim() } : {};
    const base = { requestId, partId: v.partId, note };
    let body: PostStockMovementBody;
    if (kind === 'receipt') {
      body = {
        kind,
        ...base,
        ...units,
        ...lot,
        locationId: v.locationId as string,
        unitCostFen: yuanToFen(v.unitCost ?? '') ?? 0,
        expiryDate: lotTracked && v.expiryDate ? v.expiryDate : undefined,
        supplier: v.supplier?.trim() || undefined,
      };
    } else if (kind === 'transfer') {
      body = {
        kind,
        ...base,
        ...units,
        ...lot,
        fromLocationId: v.fromLocationId as string,
        toLocationId: v.toLocationId as string,
      };
    } else if (kind === 'scrap') {
      body = { kind, ...base, ...units, ...lot, locationId: v.locationId as string, reason: (v.reason ?? '').trim() };
    } else {
      body = {
        kind,
        ...base,
        ...lot,
        locationId: v.locationId as string,
        serial: serialTracked && v.serial?.trim() ? v.serial.trim() : undefined,
        expiryDate: lotTracked && v.expiryDate ? v.expiryDate : undefined,
        delta: v.delta ?? 0,
        reason: (v.reason ?? '').trim(),
      };
    }
    post.mutate(body, {
      onSuccess: () => {
        void message.success(t('stock.posted'));
        onClose();
      },
      onError: (e) =>
        setFormError(
          isApiError(e) && e.code === 'VALIDATION_FAILED'
            ? applyServerErrors(form, e, FIELDS, PATH_MAP)
            : [partsErrorText(t, e)],
        ),
    });
  };

  const required = (field: string) => ({ required: true, message: t('validation.required', { field }) });

  return (
    <Modal
      open={Boolean(kind)}
      title={kind ? t(`stock.moveTitle.${kind}`) : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={post.isPending}
      okButtonProps={tid('move-submit')}
      width={640}
      destroyOnHidden
      forceRender
    >
      {formError.length > 0 ? (
        <Alert
          type="error"
          showIcon
          title={formError.join('；')}
          style={{ marginBottom: 12 }}
          data-testid="move-error"
        />
      ) : null}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        data-testid={`move-form-${kind ?? ''}`}
        data-request-id={requestId}
      >
        <Form.Item name="partId" label={t('stock.field.part')} rules={[required(t('stock.field.part'))]}>
          <PartSelect testId="move-part" onPicked={setPart} />
        </Form.Item>
        <Row gutter={12}>
          {kind === 'transfer' ? (
            <>
              <Col xs={24} sm={12}>
                <Form.Item
                  name="fromLocationId"
                  label={t('stock.field.from')}
                  rules={[required(t('stock.field.from'))]}
                >
                  <LocationSelect testId="move-from" />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item
                  name="toLocationId"
                  label={t('stock.field.to')}
                  dependencies={['fromLocationId']}
                  rules={[
                    required(t('stock.field.to')),
                    ({ getFieldValue }) => ({
                      validator: (_r, value: string | undefined) =>
                        value && value === getFieldValue('fromLocationId')
                          ? Promise.reject(new Error(t('stock.sameLocation')))
                          : Promise.resolve(),
                    }),
                  ]}
                >
                  <LocationSelect testId="move-to" />
                </Form.Item>
              </Col>
            </>
          ) : (
            <Col xs={24}>
              <Form.Item
                name="locationId"
                label={t('stock.field.location')}
                rules={[required(t('stock.field.location'))]}
              >
                <LocationSelect testId="move-location" />
              </Form.Item>
            </Col>
          )}
          {kind === 'adjustment' ? (
            <Col xs={24} sm={12}>
              <Form.Item
                name="delta"
                label={t('stock.field.delta')}
                rules={[
                  required(t('stock.field.quantity')),
                  { type: 'integer', min: -100000, max: 100000 },
                  {
                    validator: (_r, value: number | undefined) =>
                      value === 0 ? Promise.reject(new Error(t('stock.deltaZero'))) : Promise.resolve(),
                  },
                ]}
              >
                <InputNumber precision={0} style={{ width: '100%' }} data-testid="move-delta" />
              </Form.Item>
            </Col>
          ) : serialTracked ? (
            <Col xs={24}>
              <Form.Item name="serials" label={t('stock.field.serials')} rules={[serialsRule(t)]}>
                <Input.TextArea rows={4} data-testid="move-serials" />
              </Form.Item>
            </Col>
          ) : (
            <Col xs={24} sm={12}>
              <Form.Item
                name="quantity"
                label={`${t('stock.field.quantity')}${part ? ` (${part.unit})` : ''}`}
                rules={[required(t('stock.field.quantity')), { type: 'integer', min: 1, max: 100000 }]}
              >
                <InputNumber min={1} max={100000} precision={0} style={{ width: '100%' }} data-testid="move-quantity" />
              </Form.Item>
            </Col>
          )}
          {kind === 'adjustment' && serialTracked ? (
            <Col xs={24} sm={12}>
              <Form.Item
                name="serial"
                label={t('stock.field.serial')}
                rules={[required(t('stock.field.serial')), { pattern: SERIAL, message: t('stock.serialsInvalid') }]}
              >
                <Input maxLength={60} data-testid="move-serial" />
              </Form.Item>
            </Col>
          ) : null}
          {kind === 'receipt' ? (
            <Col xs={24} sm={12}>
              <Form.Item
                name="unitCost"
                label={t('stock.field.unitCost')}
                rules={[
                  {
                    required: true,
                    validator: (_r, value: string | undefined) =>
                      value !== undefined && yuanToFen(String(value)) !== undefined
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('parts.money.invalid'))),
                  },
                ]}
              >
                <Input inputMode="decimal" prefix="¥" maxLength={14} data-testid="move-unit-cost" />
              </Form.Item>
            </Col>
          ) : null}
          {lotTracked ? (
            <Col xs={24} sm={12}>
              <Form.Item name="lot" label={t('stock.field.lot')} rules={[required(t('stock.field.lot')), { max: 40 }]}>
                <Input maxLength={40} data-testid="move-lot" />
              </Form.Item>
            </Col>
          ) : null}
          {lotTracked && kind === 'receipt' ? (
            <Col xs={24} sm={12}>
              <Form.Item name="expiryDate" label={t('stock.field.expiry')} rules={[required(t('stock.field.expiry'))]}>
                <Input type="date" data-testid="move-expiry" />
              </Form.Item>
            </Col>
          ) : null}
          {kind === 'receipt' ? (
            <Col xs={24} sm={12}>
              <Form.Item name="supplier" label={t('stock.field.supplier')} rules={[{ max: 60 }]}>
                <Input maxLength={60} data-testid="move-supplier" />
              </Form.Item>
            </Col>
          ) : null}
          {kind === 'scrap' || kind === 'adjustment' ? (
            <Col xs={24}>
              <Form.Item
                name="reason"
                label={t('stock.field.reason')}
                rules={[required(t('stock.field.reason')), { min: 2, max: 200, whitespace: true }]}
              >
                <Input maxLength={200} data-testid="move-reason" />
              </Form.Item>
            </Col>
          ) : null}
          <Col xs={24}>
            <Form.Item name="note" label={t('stock.field.note')} rules={[{ max: 500 }]}>
              <Input.TextArea rows={2} maxLength={500} data-testid="move-note" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
