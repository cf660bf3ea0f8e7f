import { PublicShell } from '@web/features/public/components/public-shell';
import { type RepairDone, RepairForm } from '@web/features/public/components/repair-form';
import { RepairResult } from '@web/features/public/components/repair-result';
import { usePublicT } from '@web/features/public/messages';
import { useState } from 'react';
import { useSearchParams } from 'react-router';

/** /repair (website) and /repair?channel=wechat (the WeChat official account's H5 page): no login. */
export function RepairPage() {
  const t = usePublicT();
  const [params] = useSearchParams();
  const channel = params.get('channel') === 'wechat' ? 'wechat' : 'web';
  const [result, setResult] = useState<RepairDone | null>(null);
  // A new form (and a new Idempotency-Key) for each request.
  const [formKey, setFormKey] = useState(0);

  const onDone = (r: RepairDone) => {
    setResult(r);
    window.scrollTo({ top: 0 });
  };

  return (
    <PublicShell title={t('repair.title')}>
      {result ? (
        <RepairResult
          result={result}
          onAnother={() => {
            setResult(null);
            setFormKey((k) => k + 1);
          }}
        />
      ) : (
        <RepairForm key={formKey} channel={channel} onDone={onDone} />
      )}
    </PublicShell>
  );
}
