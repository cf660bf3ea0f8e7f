import {
  cancelByCustomer,
  requestDeletion,
  requestMyData,
  requestNewTime,
  type TrackingView,
  trackWorkOrder,
} from '@shared/contracts/channels.contract';
import { useMutation } from '@tanstack/react-query';
import { call } from '@web/lib/api';

/** How this page is authorised: the link's token, or the session returned after number + SMS code. */
export type TrackingAuth = { token: string } | { session: string };

export type { TrackingView };

export function useTrackWorkOrder() {
  return useMutation({
    mutationFn: (body: TrackingAuth | { number: string; phone: string; code: string }) =>
      call(trackWorkOrder, { body }),
  });
}

export function useRequestNewTime() {
  return useMutation({
    mutationFn: (body: TrackingAuth & { preferredWindow: { start: string; end: string }; note?: string }) =>
      call(requestNewTime, { body }),
  });
}

export function useCancelByCustomer() {
  return useMutation({
    mutationFn: (body: TrackingAuth & { reason: string }) => call(cancelByCustomer, { body }),
  });
}

export function useRequestPrivacy() {
  return useMutation({
    mutationFn: ({ auth, kind }: { auth: TrackingAuth; kind: 'export' | 'delete' }) =>
      call(kind === 'export' ? requestMyData : requestDeletion, { body: auth }),
  });
}
