import type { Branch } from '@shared/contracts/identity.contract';
import { applyServerErrors, isVersionConflict } from '@web/lib/errors';
import { useT } from '@web/lib/i18n';
import { tid } from '@web/lib/test-id';
import { filterTimeZone, isKnownTimeZone, useTimeZoneOptions } from '@web/lib/time-zones';
import { Alert, App, AutoComplete, Button, Form, Input, Modal, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { useCreateBranch } from '../api/create-branch';
import { useUpdateBranch } from '../api/update-branch';

interface BranchFormValues {
  code: string;
  name: string;
  city: string;
  address: string;
  phone: string;
  timeZone: string;
  active: boolean;
}

const FIELDS = ['code', 'name', 'city', 'address', 'phone', 'timeZone', 'active'];

/** Create a branch (`branch` undefined) or edit one; edits send `version`. */
export function BranchFormModal({
  open,
  branch,
  onClose,
}: {
  open: boolean;
  branch?: Branch | undefined;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<BranchFormValues>();
  const create = useCreateBranch();
  const update = useUpdateBranch();
  const tzOptions = useTimeZoneOptions();
  const [formError, setFormError] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when (re)opened
  useEffect(() => {
    if (!open) return;
    setFormError([]);
    setConflict(false);
    form.resetFields();
    form.setFieldsValue(
      branch
        ? {
            code: branch.code,
            name: branch.name,
            city: branch.city,
            address: branch.address,
            phone: branch.phone,
            timeZone: branch.timeZone,
            active: branch.active,
          }
        : { timeZone: 'Asia/Shanghai', active: true, address: '', phone: '' },
    );
  }, [open, branch?.id]);

  const onError = (error: unknown) => {
    if (isVersionConflict(error)) setConflict(true);
    else setFormError(applyServerErrors(form, error, FIELDS));
  };

  const onFinish = (v: BranchFormValues) => {
    setFormError([]);
    const common = {
      name: v.name,
      city: v.city,
      address: v.address ?? '',
      phone: v.phone ?? '',
      timeZone: v.timeZone,
    };
    if (branch) {
      update.mutate(
        { branchId: branch.id, body: { version: branch.version, ...common, active: v.active } },
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
        { code: v.code.trim(), ...common },
        {
          onSuccess: (b) => {
            void message.success(t('branches.created', { name: b.name }));
            onClose();
          },
          onError,
        },
      );
    }
  };

  const required = (field: string) => ({
    required: true,
    whitespace: true,
    message: t('validation.required', { field }),
  });

  return (
    <Modal
      open={open}
      title={branch ? t('branches.editTitle', { name: branch.name }) : t('branches.createTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending || update.isPending}
      okButtonProps={{ ...tid('branch-form-submit'), disabled: conflict }}
      destroyOnHidden
      forceRender
    >
      {conflict ? (
        <Alert
          type="warning"
          showIcon
          title={t('common.versionConflictHint')}
          style={{ marginBottom: 16 }}
          data-testid="version-conflict"
          action={
            <Button size="small" onClick={onClose}>
              {t('common.reloadAndClose')}
            </Button>
          }
        />
      ) : null}
      {formError.length > 0 ? (
        <Alert type="error" showIcon title={formError.join('；')} style={{ marginBottom: 16 }} />
      ) : null}
      <Form<BranchFormValues> form={form} layout="vertical" onFinish={onFinish} data-testid="branch-form">
        <Form.Item
          name="code"
          label={t('branches.col.code')}
          extra={branch ? undefined : t('branches.field.codeHelp')}
          rules={
            branch
              ? []
              : [
                  required(t('branches.col.code')),
                  { pattern: /^[A-Z0-9-]{2,16}$/, message: t('validation.branchCode') },
                ]
          }
          normalize={(v: string) => v?.toUpperCase()}
        >
          <Input disabled={Boolean(branch)} maxLength={16} data-testid="branch-code" />
        </Form.Item>
        <Form.Item name="name" label={t('branches.col.name')} rules={[required(t('branches.col.name'))]}>
          <Input maxLength={64} data-testid="branch-name" />
        </Form.Item>
        <Form.Item name="city" label={t('branches.col.city')} rules={[required(t('branches.col.city'))]}>
          <Input maxLength={32} data-testid="branch-city" />
        </Form.Item>
        <Form.Item name="address" label={t('branches.col.address')}>
          <Input.TextArea maxLength={200} autoSize={{ minRows: 1, maxRows: 3 }} data-testid="branch-address" />
        </Form.Item>
        <Form.Item name="phone" label={t('branches.col.phone')}>
          <Input maxLength={32} inputMode="tel" data-testid="branch-phone" />
        </Form.Item>
        <Form.Item
          name="timeZone"
          label={t('branches.col.timeZone')}
          rules={[
            required(t('branches.col.timeZone')),
            {
              validator: (_r, v: string) =>
                !v || isKnownTimeZone(v) ? Promise.resolve() : Promise.reject(new Error(t('validation.timeZone'))),
            },
          ]}
        >
          <AutoComplete
            options={tzOptions}
            showSearch={{ filterOption: filterTimeZone }}
            data-testid="branch-time-zone"
          />
        </Form.Item>
        {branch ? (
          <Form.Item name="active" label={t('branches.col.active')} valuePropName="checked">
            <Switch
              checkedChildren={t('branches.active')}
              unCheckedChildren={t('branches.inactive')}
              data-testid="branch-active"
            />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
