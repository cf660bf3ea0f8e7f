import type { Query } from '@shared/contracts/endpoint';
import { listParts } from '@shared/contracts/parts.contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { partsKeys } from './keys';

export type ListPartsQuery = Query<typeof listParts>;

export function listPartsRequest(query: ListPartsQuery, signal?: AbortSignal) {
  return call(listParts, { query, signal });
}

export function useParts(query: ListPartsQuery, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...partsKeys.lists(), 'listParts', query],
    queryFn: ({ signal }) => listPartsRequest(query, signal),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}
