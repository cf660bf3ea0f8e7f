import type { Query } from '@shared/contracts/endpoint';
import { listOldPartReturns } from '@shared/contracts/parts-health.contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { partsKeys } from './keys';

export type ListOldPartReturnsQuery = Query<typeof listOldPartReturns>;

export function listOldPartReturnsRequest(query: ListOldPartReturnsQuery, signal?: AbortSignal) {
  return call(listOldPartReturns, { query, signal });
}

/** Old parts owed back (旧件回收), due first. */
export function useOldPartReturns(query: ListOldPartReturnsQuery, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...[...partsKeys.all, 'old-part-returns'], 'listOldPartReturns', query],
    queryFn: ({ signal }) => listOldPartReturnsRequest(query, signal),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}
