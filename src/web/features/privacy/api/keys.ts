/** Query keys of privacy requests. */
export const privacyKeys = {
  all: ['privacy-requests'] as const,
  lists: () => ['privacy-requests', 'list'] as const,
  detail: (requestId: string) => ['privacy-requests', 'detail', requestId] as const,
};
