import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import {
  CONTRACT_FILE_MAX_BYTES,
  CONTRACT_FILE_TYPES,
  type ContractFileType,
  type SupplierContract,
} from '@shared/contracts/purchasing.contract';
import { isApiError } from '@web/lib/api';
import { errorMessage } from '@web/lib/errors';
import { formatDateTime } from '@web/lib/format';
import { useI18n } from '@web/lib/i18n';
import { App, Button, Flex, Typography } from 'antd';
import { useRef, useState } from 'react';
import { downloadSupplierContractFile } from '../api/get-supplier-contract-file';
import { useUploadSupplierContractFile } from '../api/upload-supplier-contract-file';

/** The file as base64 (without the data: prefix). */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/** The contract's scan: download it (private attachment), upload or replace it (purchasing.manage). */
export function ContractFile({ contract, canUpload }: { contract: SupplierContract; canUpload: boolean }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const upload = useUploadSupplierContractFile();
  const input = useRef<HTMLInputElement>(null);
  const [downloading, setDownloading] = useState(false);

  const onPick = async (file: File | undefined) => {
    if (!file) return;
    if (!(CONTRACT_FILE_TYPES as readonly string[]).includes(file.type)) {
      void message.error(t('contract.fileType'));
      return;
    }
    if (file.size > CONTRACT_FILE_MAX_BYTES) {
      void message.error(t('contract.fileTooLarge'));
      return;
    }
    const dataBase64 = await readBase64(file);
    upload.mutate(
      {
        params: { contractId: contract.id },
        body: { fileName: file.name.slice(-120), contentType: file.type as ContractFileType, dataBase64 },
      },
      {
        onSuccess: () => void message.success(t('contract.uploaded')),
        onError: (e) =>
          void message.error(
            isApiError(e) && e.issues.length ? e.issues.map((i) => i.message).join('; ') : errorMessage(e),
          ),
      },
    );
  };

  return (
    <Flex gap={8} align="center" wrap data-testid={`contract-file-${contract.number}`}>
      <Typography.Text type="secondary">{t('contract.file')}:</Typography.Text>
      {contract.file ? (
        <>
          <Typography.Text>
            {contract.file.fileName}{' '}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {sizeText(contract.file.size)} · {contract.file.uploadedByName} ·{' '}
              {formatDateTime(contract.file.uploadedAt, lang, { seconds: false })}
            </Typography.Text>
          </Typography.Text>
          <Button
            size="small"
            icon={<DownloadOutlined />}
            loading={downloading}
            data-testid="contract-file-download"
            onClick={() => {
              setDownloading(true);
              downloadSupplierContractFile(contract.id, contract.file?.fileName ?? `${contract.number}.pdf`)
                .catch((e) => void message.error(errorMessage(e)))
                .finally(() => setDownloading(false));
            }}
          >
            {t('contract.download')}
          </Button>
        </>
      ) : (
        <Typography.Text type="secondary">{t('contract.noFile')}</Typography.Text>
      )}
      {canUpload ? (
        <>
          <input
            ref={input}
            type="file"
            accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
            style={{ display: 'none' }}
            data-testid="contract-file-input"
            onChange={(e) => {
              void onPick(e.target.files?.[0]);
              e.target.value = '';
            }}
          />
          <Button
            size="small"
            icon={<UploadOutlined />}
            loading={upload.isPending}
            onClick={() => input.current?.click()}
            data-testid="contract-file-upload"
          >
            {contract.file ? t('contract.replace') : t('contract.upload')}
          </Button>
        </>
      ) : null}
    </Flex>
  );
}
