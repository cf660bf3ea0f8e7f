import type { Body } from '@shared/contracts/endpoint';
import { changeMyPassword } from '@shared/contracts/identity.contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { meQueryKey } from './get-me';
import { mySessionsQueryKey } from './list-my-sessions';

export type ChangeMyPasswordBody = Body<typeof changeMyPassword>;

export function changeMyPasswordRequest(body: ChangeMyPasswordBody) {
  return call(changeMyPassword, { body });
}

export function useChangeMyPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: changeMyPasswordRequest,
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: meQueryKey }),
        queryClient.invalidateQueries({ queryKey: mySessionsQueryKey }),
      ]);
    },
  });
}
