import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api, type Schemas, unwrap } from '../../api/client';
import { onServerEvent } from '../../api/events';

export type Notice = Schemas['Notice'];

/** A field of a notice type, as GET /notice-types describes it (types are data). */
export interface FieldSpec {
  key: string;
  kind:
    | 'text'
    | 'longtext'
    | 'date'
    | 'country'
    | 'boolean'
    | 'number'
    | 'integer'
    | 'enum'
    | 'codes'
    | 'group';
  label: string;
  help?: string;
  required?: boolean;
  translatable?: boolean;
  options?: string[];
  min?: number;
  max?: number;
  maxLength?: number;
  fields?: FieldSpec[];
  minItems?: number;
  maxItems?: number;
  mustBe?: boolean;
}

export interface NoticeTypeSpec {
  type: string;
  title: string;
  colour: string;
  purpose: string;
  subject: 'person' | 'person-optional' | 'assets' | 'none';
  subjectRequires: string[];
  subjectStatus?: string[];
  fields: FieldSpec[];
  defaultValidityYears: number;
  requesters: string[];
  publicExtract: boolean;
  diffusion: boolean;
  checklist: { key: string; label: string; help: string }[];
}

export interface Finding {
  check: string;
  severity: 'ok' | 'info' | 'warning' | 'error';
  message: string;
  field?: string;
}

export function useNoticeTypes() {
  return useQuery({
    queryKey: ['notice-types'],
    staleTime: 10 * 60_000,
    queryFn: async () => {
      const answer = await unwrap(api.GET('/api/v1/notice-types'));
      return {
        types: answer.items as unknown as NoticeTypeSpec[],
        refusalGrounds: answer.refusalGrounds,
        cancelReasons: answer.cancelReasons,
      };
    },
  });
}

export type Scope = 'in-force' | 'mine' | 'review';

export interface NoticeFilters {
  scope: Scope;
  type?: string;
  status?: string;
  q?: string;
}

export function useNotices(filters: NoticeFilters) {
  return useInfiniteQuery({
    queryKey: ['notices', filters],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/notices', {
          params: { query: { ...filters, limit: 50, cursor: pageParam } as never },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useNotice(id: string | undefined) {
  return useQuery({
    queryKey: ['notice', id],
    enabled: Boolean(id),
    queryFn: () => unwrap(api.GET('/api/v1/notices/{id}', { params: { path: { id: id! } } })),
  });
}

/** Notice and diffusion events this agency hears of, each refreshing the lists and the notice it names. */
const NOTICE_EVENTS = [
  'notice.submitted',
  'notice.under-review',
  'notice.returned',
  'notice.refused',
  'notice.published',
  'notice.extended',
  'notice.suspended',
  'notice.reinstated',
  'notice.cancelled',
  'notice.expired',
  'diffusion.circulated',
  'diffusion.confirmed',
  'diffusion.withdrawn',
];

/**
 * Lists and pages follow the event stream: a request returned, published or cancelled
 * elsewhere shows here without a reload (the requester hears of the review, the reviewer of
 * a resubmission).
 */
export function useNoticeEvents() {
  const queryClient = useQueryClient();
  useEffect(() => {
    const refresh = (data: Record<string, unknown>) => {
      void queryClient.invalidateQueries({ queryKey: ['notices'] });
      if (typeof data.id === 'string') {
        void queryClient.invalidateQueries({ queryKey: ['notice', data.id] });
        void queryClient.invalidateQueries({ queryKey: ['notice-history', data.id] });
      }
    };
    const stops = NOTICE_EVENTS.map((type) => onServerEvent(type, refresh));
    return () => {
      for (const stop of stops) stop();
    };
  }, [queryClient]);
}

export function useNoticeHistory(id: string) {
  return useQuery({
    queryKey: ['notice-history', id],
    queryFn: () => unwrap(api.GET('/api/v1/notices/{id}/history', { params: { path: { id } } })),
  });
}

/** The field a server error points at, relative to the notice's data: "/body/data/facts" → "/facts". */
export function dataPointer(field: string): string | null {
  for (const prefix of ['/body/data', '/data'])
    if (field.startsWith(`${prefix}/`)) return field.slice(prefix.length);
  return null;
}
