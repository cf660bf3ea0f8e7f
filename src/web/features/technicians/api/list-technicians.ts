import { listTechnicians } from '@shared/contracts/dispatch.contract';
import type { Query } from '@shared/contracts/endpoint';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { techniciansKeys } from './keys';

export type ListTechniciansQuery = Query<typeof listTechnicians>;

export function listTechniciansRequest(query: ListTechniciansQuery, signal?: AbortSignal) {
  return call(listTechnicians, { query, signal });
}

export function useTechnicians(query: ListTechniciansQuery, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...techniciansKeys.lists(), query],
    queryFn: ({ signal }) => listTechniciansRequest(query, signal),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}
