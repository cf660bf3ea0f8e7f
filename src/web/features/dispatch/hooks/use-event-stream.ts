import { type QueryKey, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';

/** Polling interval while the live stream is down. */
export const FALLBACK_POLL_MS = 30_000;
const RETRY_MIN_MS = 3_000;
const RETRY_MAX_MS = 60_000;

/** Event names a server may use besides the default `message` (the dispatch stream's `type`s). */
const NAMED_EVENTS = ['assignment', 'work_order', 'alert', 'position', 'calendar', 'plan', 'job'] as const;

export interface EventStreamState {
  /** The stream is open (events arrive live); false while connecting or after an error. */
  connected: boolean;
  /** When the last event arrived (ms), for the live indicator. */
  lastEventAt: number | undefined;
}

/**
 * A server-sent events stream (same origin, the session cookie authenticates it). `onEvent` gets each event's
 * parsed `data` (or the raw text when it is not JSON). EventSource reconnects by itself after a dropped
 * connection; when the server refuses the stream (an HTTP error closes it for good) this hook opens a new one
 * with a growing delay. `url` null: no stream.
 */
export function useEventStream(url: string | null, onEvent: (data: unknown) => void): EventStreamState {
  const [connected, setConnected] = useState(false);
  const [lastEventAt, setLastEventAt] = useState<number>();
  const handler = useRef(onEvent);
  handler.current = onEvent;

  useEffect(() => {
    if (!url || typeof EventSource === 'undefined') return;
    let source: EventSource | undefined;
    let retryTimer: number | undefined;
    let delay = RETRY_MIN_MS;
    let disposed = false;

    const onData = (e: MessageEvent) => {
      setLastEventAt(Date.now());
      let data: unknown = e.data;
      if (typeof e.data === 'string') {
        try {
          data = JSON.parse(e.data);
        } catch {
          data = e.data;
        }
      }
      handler.current(data);
    };

    const open = () => {
      if (disposed) return;
      const es = new EventSource(url);
      source = es;
      es.onopen = () => {
        delay = RETRY_MIN_MS;
        setConnected(true);
      };
      es.onmessage = onData;
      for (const name of NAMED_EVENTS) es.addEventListener(name, onData as EventListener);
      es.onerror = () => {
        setConnected(false);
        if (es.readyState === EventSource.CLOSED) {
          // Refused (401/403/404/5xx or not an event stream): the browser gives up; retry later ourselves.
          es.close();
          retryTimer = window.setTimeout(open, delay);
          delay = Math.min(RETRY_MAX_MS, delay * 2);
        }
      };
    };

    open();
    return () => {
      disposed = true;
      if (retryTimer !== undefined) window.clearTimeout(retryTimer);
      source?.close();
      setConnected(false);
    };
  }, [url]);

  return { connected, lastEventAt };
}

/**
 * Live invalidation: each event of the stream invalidates the given queries, debounced (a burst of events
 * refetches once). `onEvent` sees every event first (e.g. to show a notification); `invalidates` says which
 * events refetch (default: all — the route planner's progress events, twice a second, need not refetch the board).
 */
export function useLiveInvalidation(
  url: string | null,
  queryKeys: readonly QueryKey[],
  options: {
    debounceMs?: number;
    onEvent?: (data: unknown) => void;
    invalidates?: (data: unknown) => boolean;
  } = {},
): EventStreamState {
  const queryClient = useQueryClient();
  const timer = useRef<number | undefined>(undefined);
  const keys = useRef(queryKeys);
  keys.current = queryKeys;
  const onEvent = useRef(options.onEvent);
  onEvent.current = options.onEvent;
  const invalidates = useRef(options.invalidates);
  invalidates.current = options.invalidates;
  const debounceMs = options.debounceMs ?? 300;

  useEffect(
    () => () => {
      if (timer.current !== undefined) window.clearTimeout(timer.current);
    },
    [],
  );

  const state = useEventStream(url, (data) => {
    onEvent.current?.(data);
    if (invalidates.current && !invalidates.current(data)) return;
    if (timer.current !== undefined) window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      timer.current = undefined;
      for (const queryKey of keys.current) void queryClient.invalidateQueries({ queryKey });
    }, debounceMs);
  });

  // Back online after a drop: catch up on what was missed while disconnected.
  const wasConnected = useRef(false);
  const everConnected = useRef(false);
  useEffect(() => {
    if (state.connected && !wasConnected.current && everConnected.current) {
      for (const queryKey of keys.current) void queryClient.invalidateQueries({ queryKey });
    }
    if (state.connected) everConnected.current = true;
    wasConnected.current = state.connected;
  }, [state.connected, queryClient]);

  return state;
}
