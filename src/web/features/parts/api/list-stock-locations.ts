import type { Query } from '@shared/contracts/endpoint';
import { listStockLocations } from '@shared/contracts/parts.contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { partsKeys } from './keys';

export type ListStockLocationsQuery = Query<typeof listStockLocations>;

export function listStockLocationsRequest(query: ListStockLocationsQuery, signal?: AbortSignal) {
  return call(listStockLocations, { query, signal });
}

export function useStockLocations(query: ListStockLocationsQuery, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...partsKeys.locations(), 'listStockLocations', query],
    queryFn: ({ signal }) => listStockLocationsRequest(query, signal),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}
