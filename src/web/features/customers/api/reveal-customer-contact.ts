import { revealCustomerContact } from '@shared/contracts/customers.contract';
import type { Body } from '@shared/contracts/endpoint';
import { useMutation } from '@tanstack/react-query';
import { call } from '@web/lib/api';

export type RevealContactBody = Body<typeof revealCustomerContact>;

/** Show a full phone / address, with a reason (an audit event on the server). Never cached. */
export function revealCustomerContactRequest(customerId: string, body: RevealContactBody) {
  return call(revealCustomerContact, { params: { customerId }, body });
}

export function useRevealCustomerContact() {
  return useMutation({
    mutationFn: ({ customerId, body }: { customerId: string; body: RevealContactBody }) =>
      revealCustomerContactRequest(customerId, body),
  });
}
