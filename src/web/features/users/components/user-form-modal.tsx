import type { User } from '@shared/contracts/identity.contract';
import type { Role } from '@shared/domain/roles';
import type { Locale } from '@shared/errors';
import { useBranches } from '@web/features/branches/api/list-branches';
import { applyServerErrors, isVersionConflict } from '@web/lib/errors';
import { useI18n } from '@web/lib/i18n';
import { tid } from '@web/lib/test-id';
import { Alert, App, Button, Checkbox, Form, Input, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useCreateUser } from '../api/create-user';
import { useUpdateUser } from '../api/update-user';
import { useRoleOptions } from '../hooks/use-role-options';
import { passwordRules, usernameRules } from '../validation';

interface UserFormValues {
  username: string;
  displayName: string;
  password: string;
  roles: Role[];
  branchId: string | null;
  language: Locale;
  mustChangePassword: boolean;
}

const FIELDS = ['username', 'displayName', 'password', 'roles', 'branchId', 'language', 'mustChangePassword'];

/** Create a user (`user` undefined) or edit one (display name, roles, branch; guarded by version). */
export function UserFormModal({
  open,
  user,
  onClose,
}: {
  open: boolean;
  user?: User | undefined;
  onClose: () => void;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<UserFormValues>();
  const roleOptions = useRoleOptions();
  const branches = useBranches({ enabled: open });
  const create = useCreateUser();
  const update = useUpdateUser();
  const [formError, setFormError] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);
  const editing = Boolean(user);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when (re)opened
  useEffect(() => {
    if (!open) return;
    setFormError([]);
    setConflict(false);
    create.reset();
    update.reset();
    form.resetFields();
    form.setFieldsValue(
      user
        ? { displayName: user.displayName, roles: user.roles, branchId: user.branch?.id ?? null }
        : { roles: [], branchId: null, language: lang, mustChangePassword: true },
    );
  }, [open, user?.id]);

  const onError = (error: unknown) => {
    if (isVersionConflict(error)) {
      setConflict(true);
      return;
    }
    setFormError(applyServerErrors(form, error, FIELDS));
  };

  const onFinish = (values: UserFormValues) => {
    setFormError([]);
    if (user) {
      update.mutate(
        {
          userId: user.id,
          body: {
            version: user.version,
            displayName: values.displayName,
            roles: values.roles,
            branchId: values.branchId ?? null,
          },
        },
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
        {
          username: values.username.trim(),
          displayName: values.displayName,
          password: values.password,
          roles: values.roles,
          branchId: values.branchId ?? null,
          language: values.language,
          mustChangePassword: values.mustChangePassword,
        },
        {
          onSuccess: (created) => {
            void message.success(t('users.created', { name: created.displayName }));
            onClose();
          },
          onError,
        },
      );
    }
  };

  const branchOptions = (branches.data?.items ?? []).map((b) => ({
    value: b.id,
    label: `${b.name}（${b.code}）${b.active ? '' : ` · ${t('branches.inactive')}`}`,
  }));

  return (
    <Modal
      open={open}
      title={user ? t('users.editTitle', { name: user.displayName }) : t('users.createTitle')}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={create.isPending || update.isPending}
      okButtonProps={{ ...tid('user-form-submit'), disabled: conflict }}
      destroyOnHidden
      forceRender
      data-testid="user-form-modal"
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
        <Alert
          type="error"
          showIcon
          title={formError.join('；')}
          style={{ marginBottom: 16 }}
          data-testid="user-form-error"
        />
      ) : null}
      <Form<UserFormValues> form={form} layout="vertical" onFinish={onFinish} data-testid="user-form">
        {editing ? null : (
          <Form.Item
            name="username"
            label={t('users.field.username')}
            extra={t('users.field.usernameHelp')}
            rules={usernameRules(t)}
          >
            <Input
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              maxLength={32}
              data-testid="user-username"
            />
          </Form.Item>
        )}
        <Form.Item
          name="displayName"
          label={t('users.field.displayName')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('validation.required', { field: t('users.field.displayName') }),
            },
          ]}
        >
          <Input maxLength={64} data-testid="user-display-name" />
        </Form.Item>
        {editing ? null : (
          <Form.Item
            name="password"
            label={t('users.field.password')}
            rules={passwordRules(t, t('users.field.password'))}
          >
            <Input.Password autoComplete="new-password" maxLength={128} data-testid="user-password" />
          </Form.Item>
        )}
        <Form.Item
          name="roles"
          label={t('users.field.roles')}
          rules={[{ required: true, type: 'array', min: 1, message: t('validation.rolesRequired') }]}
        >
          <Select mode="multiple" options={roleOptions} allowClear data-testid="user-roles" optionFilterProp="label" />
        </Form.Item>
        <Form.Item name="branchId" label={t('users.field.branch')}>
          <Select
            options={branchOptions}
            allowClear
            placeholder={t('users.field.branchPlaceholder')}
            loading={branches.isLoading}
            showSearch={{ optionFilterProp: 'label' }}
            data-testid="user-branch"
            onClear={() => form.setFieldValue('branchId', null)}
          />
        </Form.Item>
        {editing ? null : (
          <>
            <Form.Item name="language" label={t('users.field.language')}>
              <Select
                data-testid="user-language"
                options={[
                  { value: 'zh-CN', label: '中文' },
                  { value: 'en-US', label: 'English' },
                ]}
              />
            </Form.Item>
            <Form.Item name="mustChangePassword" valuePropName="checked" style={{ marginBottom: 0 }}>
              <Checkbox data-testid="user-must-change-password">{t('users.field.mustChangePassword')}</Checkbox>
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
