import type { Query } from '@shared/contracts/endpoint';
import { listValuableFollowUp } from '@shared/contracts/parts-health.contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { partsKeys } from './keys';

export type ListValuableFollowUpQuery = Query<typeof listValuableFollowUp>;

export function listValuableFollowUpRequest(query: ListValuableFollowUpQuery, signal?: AbortSignal) {
  return call(listValuableFollowUp, { query, signal });
}

/** Valuable units in technicians’ vans not yet fitted or returned, longest first. */
export function useValuableFollowUp(query: ListValuableFollowUpQuery, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...[...partsKeys.stock(), 'health'], 'listValuableFollowUp', query],
    queryFn: ({ signal }) => listValuableFollowUpRequest(query, signal),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}
