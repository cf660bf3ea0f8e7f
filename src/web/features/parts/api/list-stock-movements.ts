import type { Query } from '@shared/contracts/endpoint';
import { listStockMovements } from '@shared/contracts/parts.contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { partsKeys } from './keys';

export type ListStockMovementsQuery = Query<typeof listStockMovements>;

export function listStockMovementsRequest(query: ListStockMovementsQuery, signal?: AbortSignal) {
  return call(listStockMovements, { query, signal });
}

export function useStockMovements(query: ListStockMovementsQuery, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...partsKeys.movements(), 'listStockMovements', query],
    queryFn: ({ signal }) => listStockMovementsRequest(query, signal),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}
