import type { Query } from '@shared/contracts/endpoint';
import { listUsers } from '@shared/contracts/identity.contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { usersKeys } from './keys';

export type ListUsersQuery = Query<typeof listUsers>;

export function listUsersRequest(query: ListUsersQuery, signal?: AbortSignal) {
  return call(listUsers, { query, signal });
}

export function useUsers(query: ListUsersQuery) {
  return useQuery({
    queryKey: [...usersKeys.lists(), query],
    queryFn: ({ signal }) => listUsersRequest(query, signal),
    placeholderData: keepPreviousData,
  });
}
