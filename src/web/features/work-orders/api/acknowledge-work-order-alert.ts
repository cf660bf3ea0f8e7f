import { acknowledgeWorkOrderAlert } from '@shared/contracts/intake.contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { workOrdersKeys } from './keys';

export function acknowledgeWorkOrderAlertRequest(alertId: string) {
  return call(acknowledgeWorkOrderAlert, { params: { alertId } });
}

export function useAcknowledgeWorkOrderAlert() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: acknowledgeWorkOrderAlertRequest,
    onSettled: () => queryClient.invalidateQueries({ queryKey: workOrdersKeys.all }),
  });
}
