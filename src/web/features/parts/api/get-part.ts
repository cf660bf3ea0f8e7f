import { getPart } from '@shared/contracts/parts.contract';
import { useQuery } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { partsKeys } from './keys';

export function getPartRequest(partId: string, signal?: AbortSignal) {
  return call(getPart, { params: { partId }, signal });
}

/** One part with its reorder levels and on-hand quantity per visible location. */
export function usePart(partId: string | undefined) {
  return useQuery({
    queryKey: partsKeys.detail(partId ?? ''),
    queryFn: ({ signal }) => getPartRequest(partId as string, signal),
    enabled: Boolean(partId),
  });
}
