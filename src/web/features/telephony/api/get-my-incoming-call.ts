import { getMyIncomingCall } from '@shared/contracts/channels.contract';
import { useQuery } from '@tanstack/react-query';
import { call } from '@web/lib/api';

export const INCOMING_CALL_POLL_MS = 3000;

/** The screen pop: polls my ringing / answered call every 3 s (also while the tab is in the background). */
export function useMyIncomingCall(enabled: boolean) {
  return useQuery({
    queryKey: ['telephony', 'current-call'],
    queryFn: ({ signal }) => call(getMyIncomingCall, { signal }),
    enabled,
    refetchInterval: INCOMING_CALL_POLL_MS,
    refetchIntervalInBackground: true,
    retry: false,
    staleTime: 0,
  });
}
