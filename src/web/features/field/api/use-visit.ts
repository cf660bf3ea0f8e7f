import type { Reply } from '@shared/contracts/endpoint';
import { getVisit, type Visit } from '@shared/contracts/field.contract';
import { type QueryClient, useQuery } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { fieldKeys } from './keys';

export type VisitReply = Reply<typeof getVisit>;

/** The query key of one visit (the offline layer keeps its cached copy under the same key). */
export const visitQueryKey = (visitId: string) => fieldKeys.visit(visitId);

export function visitQueryFn(visitId: string) {
  return ({ signal }: { signal?: AbortSignal }) => call(getVisit, { params: { visitId }, signal });
}

/** While the customer decides by the link sent to their phone, the visit is refreshed this often. */
export const CONSENT_POLL_MS = 5_000;

/** The customer was sent the approval link for the current quote and has not answered yet. */
export function awaitingCustomer(visit: Visit | undefined): boolean {
  return Boolean(
    visit &&
      visit.status === 'open' &&
      visit.next === 'consent' &&
      visit.consent?.status === 'pending' &&
      visit.consent.method === 'link' &&
      visit.consent.quoteVersion === visit.quote?.version,
  );
}

/** One visit step by step; refreshed every few seconds while waiting for the customer's answer to the link. */
export function useVisit(visitId: string) {
  return useQuery({
    queryKey: visitQueryKey(visitId),
    queryFn: visitQueryFn(visitId),
    refetchInterval: (query) => (awaitingCustomer(query.state.data?.visit) ? CONSENT_POLL_MS : false),
  });
}

/** Puts the visit an action answered into the cache (the page re-renders on the next step at once). */
export function storeVisit(queryClient: QueryClient, visit: Visit): void {
  queryClient.setQueryData<VisitReply>(visitQueryKey(visit.id), (old) => ({
    visit,
    serverTime: old?.serverTime ?? new Date().toISOString(),
  }));
}
