import { createPrivacyRequest } from '@shared/contracts/customers.contract';
import type { Body } from '@shared/contracts/endpoint';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { privacyKeys } from '@web/features/privacy/api/keys';
import { call } from '@web/lib/api';
import { customersKeys } from './keys';

export type CreatePrivacyRequestBody = Body<typeof createPrivacyRequest>;

export function createPrivacyRequestRequest(customerId: string, body: CreatePrivacyRequestBody) {
  return call(createPrivacyRequest, { params: { customerId }, body });
}

export function useCreatePrivacyRequest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ customerId, body }: { customerId: string; body: CreatePrivacyRequestBody }) =>
      createPrivacyRequestRequest(customerId, body),
    onSuccess: (_r, { customerId }) => {
      void queryClient.invalidateQueries({ queryKey: customersKeys.detail(customerId) });
      void queryClient.invalidateQueries({ queryKey: privacyKeys.all });
    },
  });
}
