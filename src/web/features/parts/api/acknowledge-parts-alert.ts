import type { Params } from '@shared/contracts/endpoint';
import { acknowledgePartsAlert } from '@shared/contracts/parts-health.contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { partsKeys } from './keys';

export type AcknowledgePartsAlertParams = Params<typeof acknowledgePartsAlert>;

/** Acknowledge a parts alert (an acknowledged one is returned as it is). */
export function acknowledgePartsAlertRequest(params: AcknowledgePartsAlertParams) {
  return call(acknowledgePartsAlert, { params });
}

export function useAcknowledgePartsAlert() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (params: AcknowledgePartsAlertParams) => acknowledgePartsAlertRequest(params),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: [...partsKeys.all, 'alerts'] });
    },
  });
}
