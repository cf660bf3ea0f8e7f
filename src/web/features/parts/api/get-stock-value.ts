import { getStockValue } from '@shared/contracts/parts.contract';
import { useQuery } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { partsKeys } from './keys';

export function getStockValueRequest(signal?: AbortSignal) {
  return call(getStockValue, { signal });
}

/** Quantity and value on hand per visible location. */
export function useStockValue() {
  return useQuery({ queryKey: [...partsKeys.stock(), 'value'], queryFn: ({ signal }) => getStockValueRequest(signal) });
}
