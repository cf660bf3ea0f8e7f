import type { Query } from '@shared/contracts/endpoint';
import { estimateRepairTime } from '@shared/contracts/intake.contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { workOrdersKeys } from './keys';

export type EstimateQuery = Query<typeof estimateRepairTime>;

export function estimateRepairTimeRequest(query: EstimateQuery, signal?: AbortSignal) {
  return call(estimateRepairTime, { query, signal });
}

/** The estimate preview; `query` undefined (fault or district not chosen yet) fetches nothing. */
export function useRepairEstimate(query: EstimateQuery | undefined) {
  return useQuery({
    queryKey: [...workOrdersKeys.estimate(), query],
    queryFn: ({ signal }) => estimateRepairTimeRequest(query as EstimateQuery, signal),
    enabled: query !== undefined,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}
