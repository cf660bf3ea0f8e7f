import { CloudOutlined, DisconnectOutlined, SyncOutlined, WarningOutlined } from '@ant-design/icons';
import { useI18n } from '@web/lib/i18n';
import { Badge, Button, Flex, Tag, Typography } from 'antd';
import { useState, useSyncExternalStore } from 'react';
import type { FieldSyncState } from '../api/field-actions';
import { hhmm, om } from './messages';
import { type FieldOfflineState, fieldOffline } from './runtime';
import { SyncProblems } from './sync-problems';

/** The phone's sync state (online, waiting, syncing, problems, last synced) for any component. */
export function useFieldSync(): FieldOfflineState & { syncNow: () => void } {
  const rt = fieldOffline();
  const state = useSyncExternalStore(rt.subscribe, rt.getState, rt.getState);
  return { ...state, syncNow: () => void rt.syncNow() };
}

/** The same as the contract's FieldSyncState. */
export function useFieldSyncState(): FieldSyncState {
  const { online, pending, syncing, problems, lastSyncedAt } = useFieldSync();
  return { online, pending, syncing, problems, lastSyncedAt };
}

/**
 * The technician app's sync bar: online / offline, how many actions and photos wait, syncing, when last synced,
 * "立即同步", and the problems to resolve (opens the problems drawer). Mount it once at the top of the field pages.
 */
export function FieldSyncBar() {
  const { lang } = useI18n();
  const s = useFieldSync();
  const [open, setOpen] = useState(false);
  return (
    <div
      data-testid="field-sync-bar"
      data-online={String(s.online)}
      data-pending={String(s.pending)}
      data-syncing={String(s.syncing)}
      data-problems={String(s.problems)}
      style={{
        position: 'sticky',
        top: 0,
        zIndex: 20,
        padding: '6px 12px',
        background: s.online ? '#f6ffed' : '#fffbe6',
        borderBottom: `1px solid ${s.online ? '#b7eb8f' : '#ffe58f'}`,
      }}
    >
      <Flex align="center" gap={8} wrap="wrap">
        {s.online ? (
          <Tag icon={<CloudOutlined />} color="success" data-testid="field-sync-online">
            {om(lang, 'online')}
          </Tag>
        ) : (
          <Tag icon={<DisconnectOutlined />} color="warning" data-testid="field-sync-offline">
            {om(lang, 'offline')}
          </Tag>
        )}
        {s.syncing ? (
          <Typography.Text type="secondary">
            <SyncOutlined spin /> {om(lang, 'syncing')}
          </Typography.Text>
        ) : s.pending > 0 ? (
          <Typography.Text strong data-testid="field-sync-pending">
            {om(lang, 'waiting', { n: s.pending })}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary" data-testid="field-sync-last">
            {s.lastSyncedAt ? om(lang, 'lastSynced', { time: hhmm(s.lastSyncedAt) }) : om(lang, 'synced')}
          </Typography.Text>
        )}
        {s.offlineDataAt ? (
          <Typography.Text type="warning" data-testid="field-offline-data">
            {om(lang, 'offlineData', { time: hhmm(s.offlineDataAt) })}
          </Typography.Text>
        ) : null}
        <Flex gap={8} style={{ marginInlineStart: 'auto' }}>
          {s.problems > 0 ? (
            <Badge count={s.problems} size="small">
              <Button
                size="large"
                danger
                icon={<WarningOutlined />}
                data-testid="field-sync-problems"
                onClick={() => setOpen(true)}
              >
                {om(lang, 'problems', { n: s.problems })}
              </Button>
            </Badge>
          ) : null}
          <Button
            size="large"
            type={s.pending > s.problems ? 'primary' : 'default'}
            icon={<SyncOutlined />}
            loading={s.syncing}
            disabled={s.pending === 0}
            data-testid="field-sync-now"
            onClick={s.syncNow}
          >
            {om(lang, 'syncNow')}
          </Button>
        </Flex>
      </Flex>
      {s.otherUsersPending ? (
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
          {om(lang, 'otherUsers')}
        </Typography.Text>
      ) : null}
      <SyncProblems open={open} onClose={() => setOpen(false)} />
    </div>
  );
}
