import { listMyAppointments } from '@shared/contracts/dispatch.contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { dispatchKeys } from './keys';

export function listMyJobsRequest(date: string | undefined, signal?: AbortSignal) {
  return call(listMyAppointments, { query: date ? { date } : {}, signal });
}

/** The technician's jobs of a day (default today), in time order; polls while the live stream is down. */
export function useMyJobs(date: string | undefined, options: { refetchInterval?: number | false } = {}) {
  return useQuery({
    queryKey: dispatchKeys.myJobsOf(date),
    queryFn: ({ signal }) => listMyJobsRequest(date, signal),
    placeholderData: keepPreviousData,
    refetchInterval: options.refetchInterval ?? false,
  });
}
