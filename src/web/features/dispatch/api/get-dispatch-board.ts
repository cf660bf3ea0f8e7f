import { getDispatchBoard } from '@shared/contracts/dispatch.contract';
import type { Query } from '@shared/contracts/endpoint';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { dispatchKeys } from './keys';

export type DispatchBoardQuery = Query<typeof getDispatchBoard>;

export function getDispatchBoardRequest(query: DispatchBoardQuery, signal?: AbortSignal) {
  return call(getDispatchBoard, { query, signal });
}

/** The board of a day; `refetchInterval` polls while the live stream is down. */
export function useDispatchBoard(query: DispatchBoardQuery, options: { refetchInterval?: number | false } = {}) {
  return useQuery({
    queryKey: dispatchKeys.board(query),
    queryFn: ({ signal }) => getDispatchBoardRequest(query, signal),
    placeholderData: keepPreviousData,
    refetchInterval: options.refetchInterval ?? false,
  });
}
