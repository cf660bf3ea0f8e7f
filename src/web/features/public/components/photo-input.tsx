import { CameraOutlined, DeleteOutlined } from '@ant-design/icons';
import { Button, Flex, Image, Segmented, Typography } from 'antd';
import { type ChangeEvent, useEffect, useRef, useState } from 'react';
import { downscaleImage, type PreparedPhoto } from '../downscale-image';
import { usePublicT } from '../messages';

export interface PhotoValue extends PreparedPhoto {
  kind: 'nameplate' | 'fault';
}

/**
 * The optional photo: the phone's camera (capture=environment) or gallery, downscaled to ≤ 1600 px JPEG in the
 * browser before upload. A form control (value / onChange).
 */
export function PhotoInput({
  value,
  onChange,
}: {
  value?: PhotoValue | null;
  onChange?: (v: PhotoValue | null) => void;
}) {
  const t = usePublicT();
  const input = useRef<HTMLInputElement>(null);
  const [kind, setKind] = useState<PhotoValue['kind']>(value?.kind ?? 'nameplate');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    const url = value?.previewUrl;
    return () => {
      if (url) URL.revokeObjectURL(url);
    };
  }, [value?.previewUrl]);

  const pick = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setBusy(true);
    setProblem(null);
    try {
      const photo = await downscaleImage(file);
      onChange?.({ ...photo, kind });
    } catch (err) {
      setProblem(
        err instanceof Error && err.message === 'too_large' ? t('repair.photoTooLarge') : t('repair.photoFailed'),
      );
    } finally {
      setBusy(false);
    }
  };

  const changeKind = (k: PhotoValue['kind']) => {
    setKind(k);
    if (value) onChange?.({ ...value, kind: k });
  };

  return (
    <Flex vertical gap={8}>
      <Segmented<PhotoValue['kind']>
        data-testid="repair-photo-kind"
        value={kind}
        onChange={changeKind}
        options={[
          { value: 'nameplate', label: t('repair.photoNameplate') },
          { value: 'fault', label: t('repair.photoFault') },
        ]}
      />
      <input
        ref={input}
        data-testid="repair-photo"
        type="file"
        accept="image/*"
        capture="environment"
        style={{ display: 'none' }}
        onChange={(e) => void pick(e)}
      />
      {value ? (
        <Flex align="center" gap={12}>
          <Image src={value.previewUrl} width={96} height={96} style={{ objectFit: 'cover', borderRadius: 6 }} />
          <Button icon={<DeleteOutlined />} onClick={() => onChange?.(null)} data-testid="repair-photo-remove">
            {t('repair.photoRemove')}
          </Button>
        </Flex>
      ) : (
        <Button icon={<CameraOutlined />} loading={busy} onClick={() => input.current?.click()} block>
          {t('repair.photoTake')}
        </Button>
      )}
      <Typography.Text type={problem ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
        {problem ?? t('repair.photoHint')}
      </Typography.Text>
    </Flex>
  );
}
