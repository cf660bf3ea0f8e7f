import { listPublicFaultCategories } from '@shared/contracts/channels.contract';
import { useQuery } from '@tanstack/react-query';
import { call } from '@web/lib/api';

export function usePublicFaultCategories() {
  return useQuery({
    queryKey: ['public', 'fault-categories'],
    queryFn: ({ signal }) => call(listPublicFaultCategories, { signal }),
    staleTime: 10 * 60_000,
  });
}
