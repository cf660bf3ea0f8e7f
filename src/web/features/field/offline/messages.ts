import type { Locale } from '@shared/errors';

// The offline layer's own words (zh-CN source, en-US on request), like features/public/messages.ts.

const zh = {
  online: '在线',
  offline: '离线',
  waiting: '{n} 条待同步',
  syncing: '同步中…',
  synced: '已同步',
  lastSynced: '上次同步 {time}',
  syncNow: '立即同步',
  problems: '{n} 个问题',
  offlineData: '离线数据 · 更新于 {time}',
  priceLater: '待同步后计价',
  pendingSync: '待同步',
  otherUsers: '此手机上还有其他账号未同步的记录，请该账号登录后同步',
  unsentOnLogout: '还有 {n} 条记录未同步：已保存在本机，您再次登录并联网后会自动同步',
  problemsTitle: '同步问题',
  noProblems: '没有需要处理的问题',
  conflict: '与办公室的修改冲突',
  rejected: '服务器未接受',
  yours: '你的记录',
  theirs: '办公室的修改',
  reapply: '按最新版本重新提交',
  discard: '放弃我的记录',
  edit: '放弃并重新填写',
  photo: '照片',
  queuedAt: '记录于 {time}',
  blockedBehind: '此上门的后续 {n} 条记录等待处理',
  confirmDiscard: '放弃后这条记录不会再同步，确定吗？',
  ok: '确定',
  cancel: '取消',
  step: '步骤',
} as const;

export type OfflineMessageKey = keyof typeof zh;

const en: Record<OfflineMessageKey, string> = {
  online: 'Online',
  offline: 'Offline',
  waiting: '{n} waiting',
  syncing: 'Syncing…',
  synced: 'Synced',
  lastSynced: 'Last synced {time}',
  syncNow: 'Sync now',
  problems: '{n} problems',
  offlineData: 'Offline data · saved {time}',
  priceLater: 'Priced when synced',
  pendingSync: 'Waiting to sync',
  otherUsers: 'Another account has unsent records on this phone: they sync when that account logs in',
  unsentOnLogout: '{n} records are not synced yet: they stay on this phone and sync when you log in again online',
  problemsTitle: 'Sync problems',
  noProblems: 'Nothing to resolve',
  conflict: 'Conflicts with an office change',
  rejected: 'Refused by the server',
  yours: 'Your record',
  theirs: 'Office changes',
  reapply: 'Resubmit on the latest version',
  discard: 'Discard my record',
  edit: 'Discard and redo',
  photo: 'Photo',
  queuedAt: 'Recorded {time}',
  blockedBehind: '{n} later records of this visit wait',
  confirmDiscard: 'This record will not be synced. Discard it?',
  ok: 'OK',
  cancel: 'Cancel',
  step: 'Step',
};

export function om(lang: Locale, key: OfflineMessageKey, vars: Record<string, string | number> = {}): string {
  const text: string = lang === 'en-US' ? en[key] : zh[key];
  return text.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
}

/** HH:mm in Beijing time. */
export function hhmm(iso: string | null): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
}
