import type { TechnicianDetail } from '@shared/contracts/dispatch.contract';
import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { techniciansKeys } from './keys';

/** After a change that answers with the technician's detail: keep it, refresh lists and alerts. */
export function onDetailSaved(queryClient: QueryClient, detail: TechnicianDetail) {
  queryClient.setQueryData(techniciansKeys.detail(detail.id), detail);
  void queryClient.invalidateQueries({ queryKey: techniciansKeys.lists() });
  void queryClient.invalidateQueries({ queryKey: techniciansKeys.alerts() });
}

export function useOnDetailSaved() {
  const queryClient = useQueryClient();
  return (detail: TechnicianDetail) => onDetailSaved(queryClient, detail);
}
