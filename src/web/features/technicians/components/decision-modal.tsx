import { CALENDAR_KIND_LABELS, type CalendarEntry } from '@shared/contracts/dispatch.contract';
import { useQueryClient } from '@tanstack/react-query';
import { VersionConflictAlert } from '@web/features/work-orders/components/version-conflict';
import { errorMessage, isVersionConflict } from '@web/lib/errors';
import { useI18n } from '@web/lib/i18n';
import { tid } from '@web/lib/test-id';
import { Alert, App, Input, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useDecideAvailabilityRequest } from '../api/decide-availability-request';
import { techniciansKeys } from '../api/keys';
import { entryTimeText } from '../labels';
import { ConflictsNotice } from './conflicts-notice';

export interface PendingDecision {
  entry: CalendarEntry;
  decision: 'approve' | 'reject';
}

/**
 * Approve or reject one request with an optional note (with the entry's version). After an approval of leave or a
 * day off, the dialog names the appointments dispatch must reassign.
 */
export function DecisionModal({ pending, onClose }: { pending: PendingDecision | undefined; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const decide = useDecideAvailabilityRequest();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string>();
  const [conflict, setConflict] = useState(false);
  const [conflicts, setConflicts] = useState<string[]>();

  useEffect(() => {
    if (!pending) return;
    setNote('');
    setError(undefined);
    setConflict(false);
    setConflicts(undefined);
  }, [pending]);

  if (!pending) return null;
  const { entry, decision } = pending;
  const vars = { name: entry.technicianName, kind: CALENDAR_KIND_LABELS[entry.kind][lang], day: entry.day };

  const onOk = () => {
    if (conflicts) {
      onClose();
      return;
    }
    setError(undefined);
    const trimmed = note.trim();
    decide.mutate(
      { entryId: entry.id, body: { decision, version: entry.version, ...(trimmed ? { note: trimmed } : {}) } },
      {
        onSuccess: (res) => {
          void message.success(decision === 'approve' ? t('avail.approved') : t('avail.rejected'));
          if (decision === 'approve' && entry.kind !== 'extra_shift') setConflicts(res.conflictingAppointments);
          else onClose();
        },
        onError: (e) => (isVersionConflict(e) ? setConflict(true) : setError(errorMessage(e))),
      },
    );
  };

  return (
    <Modal
      open
      title={decision === 'approve' ? t('avail.decideTitle.approve', vars) : t('avail.decideTitle.reject', vars)}
      onCancel={onClose}
      onOk={onOk}
      okText={conflicts ? t('common.ok') : decision === 'approve' ? t('avail.approve') : t('avail.reject')}
      okButtonProps={{
        ...tid('avail-decision-submit'),
        danger: decision === 'reject' && !conflicts,
        disabled: conflict,
      }}
      cancelText={t('common.cancel')}
      confirmLoading={decide.isPending}
      destroyOnHidden
    >
      {conflict ? (
        <VersionConflictAlert
          onReloaded={() => {
            void queryClient.invalidateQueries({ queryKey: techniciansKeys.availability() });
            onClose();
          }}
        />
      ) : null}
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      {conflicts ? (
        <ConflictsNotice numbers={conflicts} name={entry.technicianName} day={entry.day} />
      ) : (
        <>
          <Typography.Paragraph>
            {entry.day} · {entryTimeText(t, entry)} · {entry.reason}
          </Typography.Paragraph>
          <Input.TextArea
            value={note}
            onChange={(e) => setNote(e.target.value)}
            maxLength={300}
            autoSize={{ minRows: 2, maxRows: 4 }}
            placeholder={t('avail.note')}
            data-testid="avail-decision-note"
          />
        </>
      )}
    </Modal>
  );
}
