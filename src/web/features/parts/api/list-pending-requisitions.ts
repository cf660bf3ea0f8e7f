import type { Query } from '@shared/contracts/endpoint';
import { listPendingRequisitions } from '@shared/contracts/parts-health.contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { partsKeys } from './keys';

export type ListPendingRequisitionsQuery = Query<typeof listPendingRequisitions>;

export function listPendingRequisitionsRequest(query: ListPendingRequisitionsQuery, signal?: AbortSignal) {
  return call(listPendingRequisitions, { query, signal });
}

/** Requisitions awaiting a decision or the issue, with age, deadline and overdue flag. */
export function usePendingRequisitions(query: ListPendingRequisitionsQuery, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...partsKeys.requisitions(), 'listPendingRequisitions', query],
    queryFn: ({ signal }) => listPendingRequisitionsRequest(query, signal),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}
