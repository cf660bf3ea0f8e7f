import { CameraOutlined, UserOutlined } from '@ant-design/icons';
import type { TechnicianDetail } from '@shared/contracts/dispatch.contract';
import { errorMessage, useErrorNotice } from '@web/lib/errors';
import { useI18n } from '@web/lib/i18n';
import { App, Avatar, Button, Flex, Image, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useSetTechnicianPhoto } from '../api/set-technician-photo';
import { technicianPhotoUrl } from '../api/technician-photo';
import { prepareIdPhoto } from '../prepare-photo';

/** The ID photo (or a placeholder) and, for managers, a button to upload a new one (scaled in the browser). */
export function PhotoCard({ technician, canManage }: { technician: TechnicianDetail; canManage: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const notify = useErrorNotice();
  const input = useRef<HTMLInputElement>(null);
  const upload = useSetTechnicianPhoto();
  // The photo URL never changes; a new key after an upload makes the browser fetch it again (it is never cached).
  const [generation, setGeneration] = useState(0);
  const [busy, setBusy] = useState(false);

  const onPick = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    try {
      const photo = await prepareIdPhoto(file);
      await upload.mutateAsync({ technicianId: technician.id, body: photo });
      setGeneration((g) => g + 1);
      void message.success(t('tech.photo.saved'));
    } catch (e) {
      if (e instanceof Error && (e.message === 'image_unreadable' || e.message === 'too_large')) {
        void message.error(t('tech.photo.unreadable'));
      } else notify(e);
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <Flex vertical align="center" gap={8} data-testid="tech-photo">
      {technician.hasPhoto ? (
        <Image
          key={generation}
          src={technicianPhotoUrl(technician.id)}
          alt={t('tech.photo')}
          width={120}
          height={150}
          style={{ objectFit: 'cover', borderRadius: 8 }}
          data-testid="tech-photo-img"
        />
      ) : (
        <Avatar shape="square" size={120} icon={<UserOutlined />} aria-label={t('tech.photo.none')} />
      )}
      {canManage ? (
        <>
          <input
            ref={input}
            type="file"
            accept="image/jpeg,image/png,image/webp"
            style={{ display: 'none' }}
            onChange={(e) => void onPick(e.target.files?.[0])}
            data-testid="tech-photo-input"
          />
          <Button
            size="small"
            icon={<CameraOutlined />}
            loading={busy}
            onClick={() => input.current?.click()}
            data-testid="tech-photo-upload"
          >
            {technician.hasPhoto ? t('tech.photo.change') : t('tech.photo.upload')}
          </Button>
          <Typography.Text type="secondary" style={{ fontSize: 12, maxWidth: 200, textAlign: 'center' }}>
            {t('tech.photo.hint')}
          </Typography.Text>
        </>
      ) : null}
      {upload.isError && !busy ? <Typography.Text type="danger">{errorMessage(upload.error)}</Typography.Text> : null}
    </Flex>
  );
}
