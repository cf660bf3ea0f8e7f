import type { Me } from '@shared/contracts/identity.contract';
import type { Query, QueryClient, QueryKey } from '@tanstack/react-query';
import { meQueryKey } from '@web/features/auth/api/get-me';
import { currentLanguage } from '@web/lib/i18n';
import { notification } from 'antd';
import { fieldKeys } from '../api/keys';
import type { LocalVisit } from './apply-locally';
import { om } from './messages';
import { fieldOffline, isNetworkError } from './runtime';
import type { MyDayReply } from './store';

// Wires the offline layer into the app's query client, without touching the pages' queries:
// - every successful fetch of the day list (['field','my-day',date]) and of a visit (['field','visit',id]) is saved
//   (the day's visits one by one too, so each opens without signal), and shown with the queued actions applied;
// - a fetch that fails for want of signal is answered from the saved copy ("离线数据 · 更新于 HH:mm" in the bar);
// - the logged-in technician is remembered on this phone so that the app opens without signal (the auth probe
//   fails on the network); a logout forgets the cache of the day and visits but never the unsent queue;
// - after a sync, the day and the synced visits are fetched again.

const ME_KEY = 'aircare-field-me';
/** Queries answered from the phone's copy (so that the saving hook does not save them back). */
const LOCAL_MARK = '__offline';

type VisitReply = { visit: LocalVisit; serverTime: string; [LOCAL_MARK]?: string };
type DayReply = MyDayReply & { [LOCAL_MARK]?: string };

function isField(key: QueryKey, second: string): boolean {
  return key[0] === fieldKeys.all[0] && key[1] === second && typeof key[2] === 'string';
}

function rememberedMe(): Me | null {
  try {
    const raw = localStorage.getItem(ME_KEY);
    return raw ? (JSON.parse(raw) as Me) : null;
  } catch {
    return null;
  }
}

function rememberMe(me: Me | null): void {
  try {
    if (me?.permissions.includes('jobs.own')) localStorage.setItem(ME_KEY, JSON.stringify(me));
    else localStorage.removeItem(ME_KEY);
  } catch {
    // private mode: nothing remembered
  }
}

function hasVisitPending(visit: LocalVisit): boolean {
  return visit.pendingSync !== undefined;
}

/** Call once at app start, before rendering. */
export function installFieldOffline(queryClient: QueryClient): void {
  const rt = fieldOffline();
  rt.start();
  // A mutation started without signal runs at once (TanStack's default pauses it until the browser is online
  // again): the field actions then queue themselves, other pages show the network error instead of a spinner.
  const defaults = queryClient.getDefaultOptions();
  queryClient.setDefaultOptions({ ...defaults, mutations: { ...defaults.mutations, networkMode: 'always' } });

  rt.onSynced = (visitIds) => {
    void queryClient.invalidateQueries({ queryKey: fieldKeys.days() });
    for (const id of visitIds) void queryClient.invalidateQueries({ queryKey: fieldKeys.visit(id) });
    if (visitIds.length === 0) void queryClient.invalidateQueries({ queryKey: fieldKeys.visits() });
  };

  const fillFromCache = async (query: Query) => {
    const key = query.queryKey;
    if (isField(key, 'visit')) {
      const saved = await rt.cachedVisit(key[2] as string);
      if (!saved) return;
      const reply: VisitReply = { visit: saved.visit, serverTime: saved.savedAt, [LOCAL_MARK]: saved.savedAt };
      queryClient.setQueryData(key, reply);
      rt.noteOfflineData(saved.savedAt);
    } else if (isField(key, 'my-day')) {
      const saved = await rt.cachedDay(key[2] as string);
      if (!saved) return;
      const reply: DayReply = { ...saved.day, [LOCAL_MARK]: saved.savedAt };
      queryClient.setQueryData(key, reply);
      rt.noteOfflineData(saved.savedAt);
    }
  };

  const onSuccess = async (query: Query) => {
    const key = query.queryKey;
    if (isField(key, 'visit')) {
      const data = query.state.data as VisitReply | undefined;
      if (!data || data[LOCAL_MARK] || hasVisitPending(data.visit)) return;
      rt.noteOfflineData(null);
      await rt.saveVisit(data.visit);
      const shown = await rt.shownVisit(data.visit);
      if (shown !== data.visit) queryClient.setQueryData(key, { ...data, visit: shown });
    } else if (isField(key, 'my-day')) {
      const data = query.state.data as DayReply | undefined;
      if (!data || data[LOCAL_MARK] || data.items.some((i) => hasVisitPending(i.visit))) return;
      rt.noteOfflineData(null);
      await rt.saveDay(key[2] as string, data);
      const shown = await rt.shownDay(data);
      if (shown.items.some((i) => hasVisitPending(i.visit))) queryClient.setQueryData(key, shown);
    }
  };

  let lastUser: string | null | undefined;
  const onMe = (query: Query) => {
    const { data, error, status } = query.state as { data: Me | null | undefined; error: unknown; status: string };
    if (status === 'error' && isNetworkError(error)) {
      // No signal: the remembered technician (if any) stays logged in on this phone.
      const me = rememberedMe();
      if (me) queryClient.setQueryData(meQueryKey, me);
      return;
    }
    if (status !== 'success' || data === undefined) return;
    const userId = data?.id ?? null;
    if (userId === lastUser) return;
    lastUser = userId;
    rememberMe(data);
    void rt.setUser(data?.permissions.includes('jobs.own') ? data.id : null).then((unsent) => {
      // Logged out with actions not yet sent: they stay on the phone under this user; say so.
      if (unsent > 0) {
        notification.warning({
          message: om(currentLanguage(), 'unsentOnLogout', { n: unsent }),
          duration: 0,
          // biome-ignore lint/suspicious/noExplicitAny: antd's props accept data attributes
          props: { 'data-testid': 'field-unsent-warning' } as any,
        });
      }
    });
  };

  queryClient.getQueryCache().subscribe((event) => {
    const query = event.query as Query;
    const key = query.queryKey;
    if (key[0] === meQueryKey[0] && key[1] === meQueryKey[1]) {
      if (event.type === 'updated' || event.type === 'added') onMe(query);
      return;
    }
    if (key[0] !== fieldKeys.all[0]) return;
    if (event.type === 'added' && typeof navigator !== 'undefined' && !navigator.onLine) {
      void fillFromCache(query);
      return;
    }
    if (event.type !== 'updated') return;
    const action = event.action as { type: string; error?: unknown; manual?: boolean };
    if (action.type === 'success' && !action.manual) void onSuccess(query);
    else if (action.type === 'success' && action.manual) {
      // storeVisit after an action: the server's answer is saved (a queued one carries pendingSync and is not).
      void onSuccess(query);
    } else if ((action.type === 'error' || action.type === 'failed') && isNetworkError(action.error)) {
      rt.noteOnline(false);
      void fillFromCache(query);
    } else if (action.type === 'pause') {
      void fillFromCache(query);
    }
  });
  // Without signal at start the auth probe cannot answer: the technician last logged in on this phone goes on.
  const known = rememberedMe();
  if (known && typeof navigator !== 'undefined' && !navigator.onLine && !queryClient.getQueryData(meQueryKey)) {
    queryClient.setQueryData(meQueryKey, known);
  }
}
