import type { Reply } from '@shared/contracts/endpoint';
import { decideQuoteApproval, getQuoteApproval } from '@shared/contracts/field.contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '@web/lib/api';

export type QuoteApproval = Reply<typeof getQuoteApproval>;
export type ApprovalDecision = 'approve' | 'decline';

/** The link's secret as the API accepts it (anything else cannot be a link we sent). */
export const APPROVAL_TOKEN = /^[A-Za-z0-9_-]{16,64}$/;

const approvalKey = (token: string) => ['public', 'quote-approval', token] as const;

/**
 * The plan and quote behind an approval link (getQuoteApproval). A wrong, replaced-by-a-new-quote or malformed token
 * answers 404 / 400: not retried. Never refetched on its own: the page refetches after a refused decision.
 */
export function useQuoteApproval(token: string | null) {
  const valid = token !== null && APPROVAL_TOKEN.test(token);
  return useQuery({
    queryKey: approvalKey(token ?? ''),
    queryFn: ({ signal }) => call(getQuoteApproval, { params: { token: token ?? '' }, signal }),
    enabled: valid,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/**
 * The customer's decision (decideQuoteApproval). The server answers the same decision again with ok (a retry after a
 * lost answer is harmless) and refuses another one (409 ILLEGAL_TRANSITION, `details.reason` = `link_used`), like an
 * expired or stale link (`link_expired`).
 */
export function useDecideQuoteApproval(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (decision: ApprovalDecision) => call(decideQuoteApproval, { params: { token }, body: { decision } }),
    onError: () => queryClient.invalidateQueries({ queryKey: approvalKey(token) }),
  });
}
