import { confirmCustomerContact } from '@shared/contracts/dispatch.contract';
import type { Body } from '@shared/contracts/endpoint';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { dispatchKeys } from './keys';

export type ConfirmCustomerContactBody = Body<typeof confirmCustomerContact>;

/** 已联系客户: address and time confirmed with the customer (the contact clock stops). */
export function confirmCustomerContactRequest(
  assignmentId: string,
  body: ConfirmCustomerContactBody,
  idempotencyKey: string,
) {
  return call(confirmCustomerContact, {
    params: { assignmentId },
    body,
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}

export function useConfirmCustomerContact() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { assignmentId: string; body: ConfirmCustomerContactBody; idempotencyKey: string }) =>
      confirmCustomerContactRequest(v.assignmentId, v.body, v.idempotencyKey),
    onSettled: () => queryClient.invalidateQueries({ queryKey: dispatchKeys.all }),
  });
}
