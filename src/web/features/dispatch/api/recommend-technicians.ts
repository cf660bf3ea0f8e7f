import { type Recommendation, recommendTechnicians } from '@shared/contracts/dispatch.contract';
import { type QueryClient, useQuery } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { dispatchKeys } from './keys';

/** Recommendations are cached briefly: a drag, the drawer and the confirm dialog of one order share one fetch. */
export const RECOMMENDATION_STALE_MS = 30_000;

export function recommendTechniciansRequest(workOrderId: string, date: string | undefined, signal?: AbortSignal) {
  return call(recommendTechnicians, { params: { workOrderId }, query: date ? { date } : {}, signal });
}

function recommendationQuery(workOrderId: string, date: string | undefined) {
  return {
    queryKey: dispatchKeys.recommendation(workOrderId, date),
    queryFn: ({ signal }: { signal?: AbortSignal }) => recommendTechniciansRequest(workOrderId, date, signal),
    staleTime: RECOMMENDATION_STALE_MS,
  };
}

/** Fetch (or take from the cache) the recommendation of an order, e.g. when a drag starts. */
export function fetchRecommendation(
  queryClient: QueryClient,
  workOrderId: string,
  date: string | undefined,
): Promise<Recommendation> {
  return queryClient.fetchQuery(recommendationQuery(workOrderId, date));
}

export function useRecommendation(workOrderId: string | undefined, date: string | undefined) {
  return useQuery({
    ...recommendationQuery(workOrderId ?? '', date),
    enabled: Boolean(workOrderId),
    retry: false,
  });
}
