import { getWorkOrder } from '@shared/contracts/intake.contract';
import { useQuery } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { workOrdersKeys } from './keys';

export function getWorkOrderRequest(workOrderId: string, signal?: AbortSignal) {
  return call(getWorkOrder, { params: { workOrderId }, signal });
}

export function useWorkOrder(workOrderId: string | undefined) {
  return useQuery({
    queryKey: workOrdersKeys.detail(workOrderId ?? ''),
    queryFn: ({ signal }) => getWorkOrderRequest(workOrderId ?? '', signal),
    enabled: Boolean(workOrderId),
  });
}
