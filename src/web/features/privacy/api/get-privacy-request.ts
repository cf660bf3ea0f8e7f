import { getPrivacyRequest } from '@shared/contracts/customers.contract';
import { useMutation } from '@tanstack/react-query';
import { call } from '@web/lib/api';

export function getPrivacyRequestRequest(requestId: string) {
  return call(getPrivacyRequest, { params: { requestId } });
}

/**
 * Fetch one request with its export result. A mutation, not a query: every fetch of the data is an audited
 * download on the server, so it happens only when the user asks and is never cached.
 */
export function useFetchPrivacyRequest() {
  return useMutation({ mutationFn: getPrivacyRequestRequest });
}
