import { listCertificateAlerts } from '@shared/contracts/dispatch.contract';
import type { Query } from '@shared/contracts/endpoint';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { techniciansKeys } from './keys';

export type ListCertificateAlertsQuery = Query<typeof listCertificateAlerts>;

export function listCertificateAlertsRequest(query: ListCertificateAlertsQuery, signal?: AbortSignal) {
  return call(listCertificateAlerts, { query, signal });
}

/** Expired and soon-expiring certificates of the branch, soonest first. */
export function useCertificateAlerts(query: ListCertificateAlertsQuery, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...techniciansKeys.alerts(), query],
    queryFn: ({ signal }) => listCertificateAlertsRequest(query, signal),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}
