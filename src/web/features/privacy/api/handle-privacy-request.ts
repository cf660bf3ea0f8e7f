import { handlePrivacyRequest } from '@shared/contracts/customers.contract';
import type { Body } from '@shared/contracts/endpoint';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { customersKeys } from '@web/features/customers/api/keys';
import { call } from '@web/lib/api';
import { privacyKeys } from './keys';

export type HandlePrivacyRequestBody = Body<typeof handlePrivacyRequest>;

export function handlePrivacyRequestRequest(requestId: string, body: HandlePrivacyRequestBody) {
  return call(handlePrivacyRequest, { params: { requestId }, body });
}

export function useHandlePrivacyRequest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ requestId, body }: { requestId: string; body: HandlePrivacyRequestBody }) =>
      handlePrivacyRequestRequest(requestId, body),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: privacyKeys.all });
      void queryClient.invalidateQueries({ queryKey: customersKeys.all });
    },
  });
}
