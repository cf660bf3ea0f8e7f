import { getTechnician } from '@shared/contracts/dispatch.contract';
import { useQuery } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { techniciansKeys } from './keys';

export function getTechnicianRequest(technicianId: string, signal?: AbortSignal) {
  return call(getTechnician, { params: { technicianId }, signal });
}

export function useTechnician(technicianId: string | undefined) {
  return useQuery({
    queryKey: techniciansKeys.detail(technicianId ?? ''),
    queryFn: ({ signal }) => getTechnicianRequest(technicianId as string, signal),
    enabled: Boolean(technicianId),
  });
}
