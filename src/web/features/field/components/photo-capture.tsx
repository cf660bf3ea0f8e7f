import { CameraOutlined, CloudUploadOutlined } from '@ant-design/icons';
import type { PhotoKind, VisitStep } from '@shared/domain/field';
import { downscaleImage } from '@web/features/public/downscale-image';
import { errorMessage } from '@web/lib/errors';
import { useI18n } from '@web/lib/i18n';
import { Button, Flex, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { addVisitPhoto } from '../api/field-client';

export interface CapturedPhoto {
  localId: string;
  /** The server's id once uploaded (null while queued on the phone). */
  photoId: string | null;
  queued: boolean;
  previewUrl: string;
}

/** base64 → Blob (no fetch of a blob: URL, which the page's CSP does not allow). */
function blobOf(base64: string, type: string): Blob {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Blob([bytes], { type });
}

/** The ids a step body names: the server's, or the phone's `local:` id of a photo still queued. */
export function photoIdsOf(photos: readonly CapturedPhoto[]): string[] {
  return photos.map((p) => p.photoId ?? p.localId);
}

/**
 * Takes photos with the phone's camera (`capture="environment"`), resizes each on the phone (≤ 1600 px JPEG) and
 * sends it through `addVisitPhoto` (queued when offline); thumbnails of what was added, queued ones marked.
 */
export function PhotoCapture({
  visitId,
  step,
  kind,
  photos,
  onChange,
  testId,
}: {
  visitId: string;
  step: VisitStep;
  kind: PhotoKind;
  photos: CapturedPhoto[];
  onChange: (photos: CapturedPhoto[]) => void;
  testId: string;
}) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const latest = useRef(photos);
  latest.current = photos;

  const add = async (files: FileList | null) => {
    if (!files?.length) return;
    setBusy(true);
    setError(undefined);
    try {
      for (const file of Array.from(files)) {
        const prepared = await downscaleImage(file);
        const r = await addVisitPhoto({
          visitId,
          step,
          kind,
          blob: blobOf(prepared.dataBase64, prepared.contentType),
          takenAt: new Date().toISOString(),
        });
        const next = [...latest.current, { ...r, previewUrl: prepared.previewUrl }];
        latest.current = next;
        onChange(next);
      }
    } catch (e) {
      setError(
        e instanceof Error && e.message === 'too_large'
          ? t('field.photo.tooLarge')
          : e instanceof Error && e.message === 'image_unreadable'
            ? t('field.photo.unreadable')
            : errorMessage(e),
      );
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <div data-testid={testId}>
      <input
        ref={input}
        type="file"
        accept="image/*"
        capture="environment"
        multiple
        style={{ display: 'none' }}
        data-testid={`${testId}-input`}
        onChange={(e) => void add(e.target.files)}
      />
      <Flex wrap gap={8} align="center">
        {photos.map((p) => (
          <div
            key={p.localId}
            data-testid="photo-thumb"
            data-queued={p.queued ? 'true' : 'false'}
            style={{ position: 'relative', width: 72, height: 72 }}
          >
            <img
              src={p.previewUrl}
              alt=""
              style={{ width: 72, height: 72, objectFit: 'cover', borderRadius: 6, border: '1px solid #d9d9d9' }}
            />
            {p.queued ? (
              <Tag color="orange" style={{ position: 'absolute', left: 2, bottom: 2, margin: 0, fontSize: 11 }}>
                <CloudUploadOutlined /> {t('field.photo.queued')}
              </Tag>
            ) : null}
          </div>
        ))}
        <Button
          icon={<CameraOutlined />}
          loading={busy}
          onClick={() => input.current?.click()}
          style={{ height: 72, minWidth: 96 }}
          data-testid={`${testId}-add`}
        >
          {t('field.photo.add')}
        </Button>
      </Flex>
      {error ? (
        <Typography.Text type="danger" style={{ display: 'block' }} data-testid={`${testId}-error`}>
          {error}
        </Typography.Text>
      ) : null}
    </div>
  );
}
