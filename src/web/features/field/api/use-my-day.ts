import type { Reply } from '@shared/contracts/endpoint';
import { listMyJobs } from '@shared/contracts/field.contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { fieldKeys } from './keys';

export type MyDay = Reply<typeof listMyJobs>;

/** The query key of the technician's day (the offline layer keeps its cached copy under the same key). */
export const myDayQueryKey = (date: string) => fieldKeys.day(date);

/** Fetches the day's jobs (field's listMyJobs): visits in route order with history, likely parts and van stock. */
export function myDayQueryFn(date: string) {
  return ({ signal }: { signal?: AbortSignal }) => call(listMyJobs, { query: { date }, signal });
}

/** The technician's jobs of a day (today / tomorrow); polls while the live stream is down. */
export function useMyDay(date: string, options: { refetchInterval?: number | false; enabled?: boolean } = {}) {
  return useQuery({
    queryKey: myDayQueryKey(date),
    queryFn: myDayQueryFn(date),
    placeholderData: keepPreviousData,
    refetchInterval: options.refetchInterval ?? false,
    enabled: options.enabled ?? true,
  });
}
