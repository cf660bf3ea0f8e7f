import type { Query } from '@shared/contracts/endpoint';
import { listSupplierRanking } from '@shared/contracts/purchasing.contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { purchasingKeys } from './purchasing-keys';

export type ListSupplierRankingQuery = Query<typeof listSupplierRanking>;

export function listSupplierRankingRequest(query: ListSupplierRankingQuery, signal?: AbortSignal) {
  return call(listSupplierRanking, { query, signal });
}

/** The ranking of one evaluated period (the latest when none is given). */
export function useSupplierRanking(query: ListSupplierRankingQuery, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...purchasingKeys.ranking(), 'listSupplierRanking', query],
    queryFn: ({ signal }) => listSupplierRankingRequest(query, signal),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}
