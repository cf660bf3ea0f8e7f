import type { Body } from '@shared/contracts/endpoint';
import { recordCounts } from '@shared/contracts/stocktakes.contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { stocktakeKeys } from './list-stocktakes';

export type RecordCountsBody = Body<typeof recordCounts>;

/** One batch of counts with the stocktake's `version`; a stale version → 409 `VERSION_CONFLICT`, nothing saved. */
export function recordCountsRequest(stocktakeId: string, body: RecordCountsBody) {
  return call(recordCounts, { params: { stocktakeId }, body });
}

export function useRecordCounts() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { stocktakeId: string; body: RecordCountsBody }) => recordCountsRequest(v.stocktakeId, v.body),
    onSuccess: (s) => {
      queryClient.setQueryData(stocktakeKeys.detail(s.id), s);
      void queryClient.invalidateQueries({ queryKey: stocktakeKeys.lists() });
    },
  });
}
