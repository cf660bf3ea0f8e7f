import { getCallForHotline } from '@shared/contracts/channels.contract';
import { useQuery } from '@tanstack/react-query';
import { call } from '@web/lib/api';

/**
 * For the hotline page opened from the screen pop (`/intake/hotline?call=<callId>`): the caller's number (to prefill
 * the new-customer form) and the known customer. Each fetch is audited as a reveal (reason "incoming call"), so it
 * is fetched once and never refetched in the background.
 */
export function useCallForHotline(callId: string | null | undefined) {
  return useQuery({
    queryKey: ['telephony', 'call', callId ?? ''],
    queryFn: ({ signal }) => call(getCallForHotline, { params: { callId: callId ?? '' }, signal }),
    enabled: Boolean(callId),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 10 * 60_000,
    retry: false,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
}
