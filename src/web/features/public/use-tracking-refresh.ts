import { trackWorkOrder } from '@shared/contracts/channels.contract';
import { call, isApiError } from '@web/lib/api';
import { useEffect, useRef } from 'react';
import type { TrackingAuth, TrackingView } from './api/track-work-order';

/** How often the tracking page reloads itself while a visit is under way (the steps change as the customer watches). */
export const TRACK_REFRESH_MS = 45_000;
/** Coming back to the tab refreshes at once, unless the last refresh is this recent. */
const ON_RETURN_AFTER_MS = 15_000;

/**
 * Refreshes the tracking view in the background while `active`: every TRACK_REFRESH_MS while the tab is visible, and
 * when the customer comes back to it. The view is replaced in place (no spinner, no flicker) and the page keeps its
 * authorisation (a session's refresh answers without a new session; the page keeps the one it has). A 404 means the
 * session ran out or the link is no longer valid (`onExpired`); other errors wait for the next round.
 */
export function useTrackingRefresh(
  active: boolean,
  auth: TrackingAuth,
  onView: (v: TrackingView) => void,
  onExpired: () => void,
): void {
  const latest = useRef({ auth, onView, onExpired });
  latest.current = { auth, onView, onExpired };

  useEffect(() => {
    if (!active) return;
    let stopped = false;
    let busy = false;
    let lastAt = Date.now();
    const tick = async () => {
      if (busy || stopped || document.visibilityState === 'hidden') return;
      busy = true;
      lastAt = Date.now();
      try {
        const v = await call(trackWorkOrder, { body: latest.current.auth });
        if (!stopped) latest.current.onView(v);
      } catch (error) {
        if (!stopped && isApiError(error) && error.code === 'NOT_FOUND') latest.current.onExpired();
      } finally {
        busy = false;
      }
    };
    const timer = window.setInterval(() => void tick(), TRACK_REFRESH_MS);
    const onVisible = () => {
      if (document.visibilityState === 'visible' && Date.now() - lastAt > ON_RETURN_AFTER_MS) void tick();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      stopped = true;
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [active]);
}
