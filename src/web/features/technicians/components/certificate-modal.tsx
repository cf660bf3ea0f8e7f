import {
  CERTIFICATE_LABELS,
  CERTIFICATE_TYPES,
  type Certificate,
  type CertificateType,
  type TechnicianDetail,
} from '@shared/contracts/dispatch.contract';
import { useQueryClient } from '@tanstack/react-query';
import { VersionConflictAlert } from '@web/features/work-orders/components/version-conflict';
import { isVersionConflict } from '@web/lib/errors';
import { useI18n } from '@web/lib/i18n';
import { tid } from '@web/lib/test-id';
import { Alert, App, Col, DatePicker, Form, Input, Modal, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useAddCertificate } from '../api/add-certificate';
import { techniciansKeys } from '../api/keys';
import { useUpdateCertificate } from '../api/update-certificate';
import { applyFormErrors } from '../form-errors';

interface Values {
  type: CertificateType;
  number: string;
  issuer: string;
  issuedOn: Dayjs;
  expiresOn: Dayjs;
}

const FIELDS = ['type', 'number', 'issuer', 'issuedOn', 'expiresOn'];
const DAY = 'YYYY-MM-DD';

/** Record a certificate, or renew / correct one (`certificate` given, under its own version). */
export function CertificateModal({
  open,
  technician,
  certificate,
  onClose,
}: {
  open: boolean;
  technician: TechnicianDetail;
  certificate?: Certificate;
  onClose: () => void;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const add = useAddCertificate();
  const update = useUpdateCertificate();
  const [formError, setFormError] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);

  useEffect(() => {
    if (!open) return;
    setFormError([]);
    setConflict(false);
    form.resetFields();
    if (certificate) {
      form.setFieldsValue({
        type: certificate.type,
        number: certificate.number,
        issuer: certificate.issuer,
        issuedOn: dayjs(certificate.issuedOn),
        expiresOn: dayjs(certificate.expiresOn),
      });
    } else form.setFieldsValue({ issuer: '广州市应急管理局' });
  }, [open, certificate, form]);

  const handlers = {
    onSuccess: () => {
      void message.success(t('common.saved'));
      onClose();
    },
    onError: (error: unknown) => {
      if (isVersionConflict(error)) setConflict(true);
      else setFormError(applyFormErrors(form, error, FIELDS));
    },
  };

  const onFinish = (v: Values) => {
    setFormError([]);
    const fields = {
      number: v.number.trim(),
      issuer: v.issuer.trim(),
      issuedOn: v.issuedOn.format(DAY),
      expiresOn: v.expiresOn.format(DAY),
    };
    if (certificate) {
      update.mutate(
        {
          technicianId: technician.id,
          certificateId: certificate.id,
          body: { version: certificate.version, ...fields },
        },
        handlers,
      );
    } else add.mutate({ technicianId: technician.id, body: { type: v.type, ...fields } }, handlers);
  };

  return (
    <Modal
      open={open}
      title={
        certificate
          ? t('tech.cert.renewTitle', { type: CERTIFICATE_LABELS[certificate.type][lang] })
          : t('tech.cert.addTitle', { name: technician.name })
      }
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={add.isPending || update.isPending}
      okButtonProps={{ ...tid('cert-submit'), disabled: conflict }}
      destroyOnHidden
      forceRender
    >
      {conflict ? (
        <VersionConflictAlert
          onReloaded={() => {
            void queryClient.invalidateQueries({ queryKey: techniciansKeys.all });
            onClose();
          }}
        />
      ) : null}
      {formError.length > 0 ? (
        <Alert type="error" showIcon title={formError.join('；')} style={{ marginBottom: 12 }} />
      ) : null}
      <Form<Values> form={form} layout="vertical" onFinish={onFinish} data-testid="cert-form">
        <Row gutter={12}>
          <Col xs={24}>
            <Form.Item
              name="type"
              label={t('tech.cert.type')}
              rules={[{ required: true, message: t('validation.required', { field: t('tech.cert.type') }) }]}
            >
              <Select
                disabled={Boolean(certificate)}
                options={CERTIFICATE_TYPES.map((c) => ({ value: c, label: CERTIFICATE_LABELS[c][lang] }))}
                data-testid="cert-type"
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="number"
              label={t('tech.cert.number')}
              rules={[{ required: true, whitespace: true, min: 4, max: 40 }]}
            >
              <Input maxLength={40} data-testid="cert-number" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="issuer"
              label={t('tech.cert.issuer')}
              rules={[{ required: true, whitespace: true, min: 2, max: 100 }]}
            >
              <Input maxLength={100} data-testid="cert-issuer" />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item name="issuedOn" label={t('tech.cert.issuedOn')} rules={[{ required: true }]}>
              <DatePicker
                style={{ width: '100%' }}
                disabledDate={(d) => d.isAfter(dayjs(), 'day')}
                data-testid="cert-issued-on"
              />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item
              name="expiresOn"
              label={t('tech.cert.expiresOn')}
              dependencies={['issuedOn']}
              rules={[
                { required: true },
                ({ getFieldValue }) => ({
                  validator: (_r, value: Dayjs | undefined) => {
                    const issued = getFieldValue('issuedOn') as Dayjs | undefined;
                    return !value || !issued || value.isAfter(issued, 'day')
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('tech.cert.expiryAfterIssue')));
                  },
                }),
              ]}
            >
              <DatePicker style={{ width: '100%' }} data-testid="cert-expires-on" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
