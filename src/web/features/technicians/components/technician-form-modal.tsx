import type { TechnicianDetail } from '@shared/contracts/dispatch.contract';
import { useQueryClient } from '@tanstack/react-query';
import { useUsers } from '@web/features/users/api/list-users';
import { VersionConflictAlert } from '@web/features/work-orders/components/version-conflict';
import { isVersionConflict } from '@web/lib/errors';
import { useI18n } from '@web/lib/i18n';
import { tid } from '@web/lib/test-id';
import { Alert, App, Checkbox, Col, Form, Input, InputNumber, Modal, Row, Select, Switch } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { useCreateTechnician } from '../api/create-technician';
import { techniciansKeys } from '../api/keys';
import { useTechnicians } from '../api/list-technicians';
import { useUpdateTechnician } from '../api/update-technician';
import { applyFormErrors } from '../form-errors';

interface Values {
  userId?: string;
  staffNo?: string;
  workPhone: string;
  homeLabel: string;
  homeLat: number;
  homeLng: number;
  workDays: number[];
  shiftStart: string;
  shiftEnd: string;
  maxJobsPerDay: number;
  maxMinutesPerDay: number;
  vanLocation: string;
  active: boolean;
}

const FIELDS = [
  'userId',
  'staffNo',
  'workPhone',
  'homeLabel',
  'homeLat',
  'homeLng',
  'workDays',
  'shiftStart',
  'shiftEnd',
  'maxJobsPerDay',
  'maxMinutesPerDay',
  'vanLocation',
  'active',
];
const PATH_MAP = { 'home.lat': 'homeLat', 'home.lng': 'homeLng', 'home.label': 'homeLabel', home: 'homeLabel' };
const DAYS = [1, 2, 3, 4, 5, 6, 7];

/** Technician accounts (of the reader's branch) that have no profile yet; mounted only when creating. */
function TechnicianUserSelect(props: { value?: string; onChange?: (v: string) => void; id?: string }) {
  const { t } = useI18n();
  const users = useUsers({ role: 'technician', status: 'active', pageSize: '200' });
  const existing = useTechnicians({ active: 'all', pageSize: '200' });
  const options = useMemo(() => {
    const taken = new Set((existing.data?.items ?? []).map((x) => x.id));
    return (users.data?.items ?? [])
      .filter((u) => !taken.has(u.id))
      .map((u) => ({
        value: u.id,
        label: `${u.displayName}（${u.username}）${u.branch ? ` · ${u.branch.name}` : ''}`,
      }));
  }, [users.data, existing.data]);
  return (
    <Select
      {...props}
      showSearch
      optionFilterProp="label"
      options={options}
      loading={users.isLoading || existing.isLoading}
      notFoundContent={t('tech.noUsers')}
      data-testid="tech-user"
    />
  );
}

/**
 * Create a technician profile (pick a technician account without one) or edit one (`technician` given), with the
 * profile's version; a 409 shows the version-conflict notice.
 */
export function TechnicianFormModal({
  open,
  technician,
  onClose,
}: {
  open: boolean;
  technician?: TechnicianDetail;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const create = useCreateTechnician();
  const update = useUpdateTechnician();
  const [formError, setFormError] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);
  const editing = Boolean(technician);

  useEffect(() => {
    if (!open) return;
    setFormError([]);
    setConflict(false);
    form.resetFields();
    if (technician) {
      form.setFieldsValue({
        workPhone: technician.workPhone,
        homeLabel: technician.home.label,
        homeLat: technician.home.lat,
        homeLng: technician.home.lng,
        workDays: technician.workDays,
        shiftStart: technician.shiftStart,
        shiftEnd: technician.shiftEnd,
        maxJobsPerDay: technician.maxJobsPerDay,
        maxMinutesPerDay: technician.maxMinutesPerDay,
        vanLocation: technician.vanLocation,
        active: technician.active,
      });
    } else {
      form.setFieldsValue({
        workPhone: '',
        homeLabel: '',
        workDays: [1, 2, 3, 4, 5, 6],
        shiftStart: '08:30',
        shiftEnd: '18:00',
        maxJobsPerDay: 6,
        maxMinutesPerDay: 480,
        vanLocation: '',
        active: true,
      });
    }
  }, [open, technician, form]);

  const onError = (error: unknown) => {
    if (isVersionConflict(error)) setConflict(true);
    else setFormError(applyFormErrors(form, error, FIELDS, PATH_MAP));
  };

  const onFinish = (v: Values) => {
    setFormError([]);
    const profile = {
      workPhone: v.workPhone.trim(),
      home: { lat: v.homeLat, lng: v.homeLng, label: v.homeLabel.trim() },
      workDays: v.workDays,
      shiftStart: v.shiftStart,
      shiftEnd: v.shiftEnd,
      maxJobsPerDay: v.maxJobsPerDay,
      maxMinutesPerDay: v.maxMinutesPerDay,
      vanLocation: v.vanLocation.trim(),
    };
    if (technician) {
      update.mutate(
        { technicianId: technician.id, body: { version: technician.version, ...profile, active: v.active } },
        {
          onSuccess: () => {
            void message.success(t('common.saved'));
            onClose();
          },
          onError,
        },
      );
    } else {
      create.mutate(
        { userId: v.userId as string, staffNo: (v.staffNo ?? '').trim(), ...profile },
        {
          onSuccess: (detail) => {
            void message.success(t('tech.created'));
            onClose();
            navigate(`/technicians/${detail.id}`);
          },
          onError,
        },
      );
    }
  };

  return (
    <Modal
      open={open}
      title={technician ? t('tech.editTitle', { name: technician.name }) : t('tech.createTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending || update.isPending}
      okButtonProps={{ ...tid('tech-form-submit'), disabled: conflict }}
      width={680}
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
        <Alert
          type="error"
          showIcon
          title={formError.join('；')}
          style={{ marginBottom: 12 }}
          data-testid="tech-form-error"
        />
      ) : null}
      <Form<Values> form={form} layout="vertical" onFinish={onFinish} data-testid="tech-form">
        <Row gutter={12}>
          {editing ? null : (
            <>
              <Col xs={24} sm={14}>
                <Form.Item
                  name="userId"
                  label={t('tech.field.user')}
                  extra={t('tech.userHint')}
                  rules={[{ required: true, message: t('validation.required', { field: t('tech.field.user') }) }]}
                >
                  <TechnicianUserSelect />
                </Form.Item>
              </Col>
              <Col xs={24} sm={10}>
                <Form.Item
                  name="staffNo"
                  label={t('tech.field.staffNo')}
                  extra={t('tech.staffNoHint')}
                  rules={[
                    { required: true, message: t('validation.required', { field: t('tech.field.staffNo') }) },
                    { pattern: /^[A-Za-z0-9-]{2,20}$/, message: t('tech.staffNoHint') },
                  ]}
                >
                  <Input maxLength={20} data-testid="tech-staff-no" />
                </Form.Item>
              </Col>
            </>
          )}
          <Col xs={24} sm={12}>
            <Form.Item name="workPhone" label={t('tech.field.workPhone')} rules={[{ pattern: /^[0-9+\- ]{0,20}$/ }]}>
              <Input maxLength={20} inputMode="tel" data-testid="tech-work-phone" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="vanLocation" label={t('tech.field.van')}>
              <Input maxLength={50} data-testid="tech-van" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item
              name="homeLabel"
              label={t('tech.field.homeLabel')}
              rules={[
                {
                  required: true,
                  whitespace: true,
                  message: t('validation.required', { field: t('tech.field.home') }),
                },
              ]}
            >
              <Input maxLength={100} data-testid="tech-home-label" />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item
              name="homeLat"
              label={t('tech.field.homeLat')}
              extra={t('tech.homeHint')}
              rules={[{ required: true, type: 'number', min: 3, max: 54 }]}
            >
              <InputNumber step={0.001} style={{ width: '100%' }} data-testid="tech-home-lat" />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item
              name="homeLng"
              label={t('tech.field.homeLng')}
              rules={[{ required: true, type: 'number', min: 73, max: 136 }]}
            >
              <InputNumber step={0.001} style={{ width: '100%' }} data-testid="tech-home-lng" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item
              name="workDays"
              label={t('tech.field.workDays')}
              rules={[{ required: true, type: 'array', min: 1, message: t('tech.workDaysRequired') }]}
            >
              <Checkbox.Group
                options={DAYS.map((d) => ({ value: d, label: t(`tech.weekday.${d}` as 'tech.weekday.1') }))}
                data-testid="tech-work-days"
              />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="shiftStart" label={t('tech.field.shiftStart')} rules={[{ required: true }]}>
              <Input type="time" data-testid="tech-shift-start" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item
              name="shiftEnd"
              label={t('tech.field.shiftEnd')}
              dependencies={['shiftStart']}
              rules={[
                { required: true },
                ({ getFieldValue }) => ({
                  validator: (_r, value: string) =>
                    !value || !getFieldValue('shiftStart') || value > getFieldValue('shiftStart')
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('tech.shiftOrder'))),
                }),
              ]}
            >
              <Input type="time" data-testid="tech-shift-end" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item
              name="maxJobsPerDay"
              label={t('tech.field.maxJobs')}
              rules={[{ required: true, type: 'integer', min: 1, max: 20 }]}
            >
              <InputNumber min={1} max={20} style={{ width: '100%' }} data-testid="tech-max-jobs" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item
              name="maxMinutesPerDay"
              label={t('tech.field.maxMinutes')}
              rules={[{ required: true, type: 'integer', min: 60, max: 840 }]}
            >
              <InputNumber min={60} max={840} step={30} style={{ width: '100%' }} data-testid="tech-max-minutes" />
            </Form.Item>
          </Col>
          {editing ? (
            <Col xs={24}>
              <Form.Item name="active" label={t('tech.field.active')} valuePropName="checked">
                <Switch data-testid="tech-active" />
              </Form.Item>
            </Col>
          ) : null}
        </Row>
      </Form>
    </Modal>
  );
}
