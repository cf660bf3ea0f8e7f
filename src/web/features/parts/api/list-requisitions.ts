import type { Query } from '@shared/contracts/endpoint';
import { listRequisitions } from '@shared/contracts/parts.contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { partsKeys } from './keys';

export type ListRequisitionsQuery = Query<typeof listRequisitions>;

export function listRequisitionsRequest(query: ListRequisitionsQuery, signal?: AbortSignal) {
  return call(listRequisitions, { query, signal });
}

export function useRequisitions(query: ListRequisitionsQuery, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...partsKeys.requisitions(), 'listRequisitions', query],
    queryFn: ({ signal }) => listRequisitionsRequest(query, signal),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}
