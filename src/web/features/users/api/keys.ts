/** Query keys of the users feature; every list and detail lives under ['users']. */
export const usersKeys = {
  all: ['users'] as const,
  lists: () => ['users', 'list'] as const,
  detail: (userId: string) => ['users', 'detail', userId] as const,
};
