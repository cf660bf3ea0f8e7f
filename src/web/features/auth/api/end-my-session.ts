import { endMySession } from '@shared/contracts/identity.contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { mySessionsQueryKey } from './list-my-sessions';

export function endMySessionRequest(sessionId: string) {
  return call(endMySession, { params: { sessionId } });
}

export function useEndMySession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: endMySessionRequest,
    onSettled: () => queryClient.invalidateQueries({ queryKey: mySessionsQueryKey }),
  });
}
