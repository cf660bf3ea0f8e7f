import type { Query } from '@shared/contracts/endpoint';
import { listPartsAlerts } from '@shared/contracts/parts-health.contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { partsKeys } from './keys';

export type ListPartsAlertsQuery = Query<typeof listPartsAlerts>;

export function listPartsAlertsRequest(query: ListPartsAlertsQuery, signal?: AbortSignal) {
  return call(listPartsAlerts, { query, signal });
}

/** Parts alerts of my branch (open by default), newest first. */
export function usePartsAlerts(query: ListPartsAlertsQuery, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...[...partsKeys.all, 'alerts'], 'listPartsAlerts', query],
    queryFn: ({ signal }) => listPartsAlertsRequest(query, signal),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}
