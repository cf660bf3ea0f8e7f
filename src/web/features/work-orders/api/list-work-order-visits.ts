import { listWorkOrderVisits } from '@shared/contracts/field.contract';
import { useQuery } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { workOrdersKeys } from './keys';

/** Under ['work-orders'], so a version-conflict reload of the page (invalidating the feature) refetches them too. */
export const workOrderVisitsKey = (workOrderId: string) => [...workOrdersKeys.all, 'visits', workOrderId] as const;

export function listWorkOrderVisitsRequest(workOrderId: string, signal?: AbortSignal) {
  return call(listWorkOrderVisits, { params: { workOrderId }, signal });
}

/** Every visit of an order with its steps, skips, delays, parts, tests, photos and quote (dispatch.read). */
export function useWorkOrderVisits(workOrderId: string | undefined, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: workOrderVisitsKey(workOrderId ?? ''),
    queryFn: ({ signal }) => listWorkOrderVisitsRequest(workOrderId ?? '', signal),
    enabled: Boolean(workOrderId) && (options.enabled ?? true),
  });
}
