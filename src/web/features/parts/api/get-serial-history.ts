import { getSerialHistory } from '@shared/contracts/parts.contract';
import { useQuery } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { partsKeys } from './keys';

export function getSerialHistoryRequest(serial: string, signal?: AbortSignal) {
  return call(getSerialHistory, { params: { serial }, signal });
}

/** One serial-numbered unit's history (receipt → moves → issue to a work order / returns). */
export function useSerialHistory(serial: string | undefined) {
  return useQuery({
    queryKey: partsKeys.serial(serial ?? ''),
    queryFn: ({ signal }) => getSerialHistoryRequest(serial as string, signal),
    enabled: Boolean(serial),
    retry: false,
  });
}
