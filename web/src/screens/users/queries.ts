import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, type User, unwrap } from '../../api/client';

export interface UserFilters {
  q?: string;
  status?: User['status'];
  agency?: string;
}

export function useUsers(filters: UserFilters) {
  return useInfiniteQuery({
    queryKey: ['users', filters],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(api.GET('/api/v1/users', { params: { query: { ...filters, limit: 50, cursor: pageParam } } })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useUser(id: string | undefined) {
  return useQuery({
    queryKey: ['user', id],
    enabled: Boolean(id),
    queryFn: () => unwrap(api.GET('/api/v1/users/{id}', { params: { path: { id: id! } } })),
  });
}
