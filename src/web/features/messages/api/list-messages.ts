import type { Query } from '@shared/contracts/endpoint';
import { listMessages } from '@shared/contracts/notify.contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { call } from '@web/lib/api';

export type ListMessagesQuery = Query<typeof listMessages>;

export const messagesKeys = {
  all: ['messages'] as const,
  list: (query: ListMessagesQuery) => ['messages', 'list', query] as const,
};

export function listMessagesRequest(query: ListMessagesQuery, signal?: AbortSignal) {
  return call(listMessages, { query, signal });
}

export function useMessages(query: ListMessagesQuery) {
  return useQuery({
    queryKey: messagesKeys.list(query),
    queryFn: ({ signal }) => listMessagesRequest(query, signal),
    placeholderData: keepPreviousData,
  });
}
