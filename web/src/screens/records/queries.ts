import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, type Schemas, unwrap } from '../../api/client';

export type RecordItem = Schemas['Record'];
export type RecordKindName = RecordItem['kind'];
export type RecordPolicy = Schemas['RecordPolicy'];
export type SearchResult = Schemas['SearchResult'];
export type HitNotification = Schemas['HitNotification'];
export type VisibleRecord = NonNullable<SearchResult['records']>[number];

export const RECORD_KINDS: readonly RecordKindName[] = [
  'person',
  'travel-document',
  'vehicle',
  'vessel',
  'firearm',
  'work-of-art',
  'crypto-wallet',
  'financial-account',
  'cyber-indicator',
];

export const IDENTIFIER_SCHEMES = [
  'document',
  'mrz',
  'vin',
  'plate',
  'imo',
  'hull',
  'firearm-serial',
  'iban',
  'account',
  'wallet',
  'ip',
  'domain',
  'url',
  'email',
  'phone',
  'hash',
] as const;
export type IdentifierScheme = (typeof IDENTIFIER_SCHEMES)[number];

export function isRecordKind(value: string | null | undefined): value is RecordKindName {
  return RECORD_KINDS.includes(value as RecordKindName);
}

export interface RecordFilters {
  /** shared: what other agencies marked for mine. */
  scope?: 'shared';
  kind?: RecordKindName;
  status?: RecordItem['status'];
  reviewDue?: boolean;
}

export function useRecords(filters: RecordFilters) {
  return useInfiniteQuery({
    queryKey: ['records', filters],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(api.GET('/api/v1/records', { params: { query: { ...filters, limit: 50, cursor: pageParam } } })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useRecord(id: string | undefined) {
  return useQuery({
    queryKey: ['record', id],
    enabled: Boolean(id),
    queryFn: () => unwrap(api.GET('/api/v1/records/{id}', { params: { path: { id: id! } } })),
    retry: false,
  });
}

export function useRecordHistory(id: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ['record-history', id],
    enabled: Boolean(id) && enabled,
    queryFn: () => unwrap(api.GET('/api/v1/records/{id}/history', { params: { path: { id: id! } } })),
  });
}

export function useHitNotifications(unread: boolean, recordId?: string) {
  return useInfiniteQuery({
    queryKey: ['hit-notifications', { unread, recordId }],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/hit-notifications', {
          params: {
            query: {
              ...(unread ? { unread: true } : {}),
              ...(recordId ? { recordId } : {}),
              limit: 50,
              cursor: pageParam,
            },
          },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
