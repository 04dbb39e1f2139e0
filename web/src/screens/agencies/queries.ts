import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { type Agency, api, unwrap } from '../../api/client';

export interface AgencyFilters {
  q?: string;
  kind?: Agency['kind'];
  status?: Agency['status'];
  country?: string;
  parent?: string;
}

export function useAgencies(filters: AgencyFilters, limit = 50, enabled = true) {
  return useInfiniteQuery({
    queryKey: ['agencies', filters, limit],
    enabled,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(api.GET('/api/v1/agencies', { params: { query: { ...filters, limit, cursor: pageParam } } })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useAgency(code: string | undefined) {
  return useQuery({
    queryKey: ['agency', code],
    enabled: Boolean(code),
    queryFn: () => unwrap(api.GET('/api/v1/agencies/{code}', { params: { path: { code: code! } } })),
  });
}
