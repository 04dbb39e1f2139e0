import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, type Schemas, unwrap } from '../../api/client';
import { onServerEvent } from '../../api/events';
import type { paths } from '../../api/schema';

export type UrgentRequest = Schemas['UrgentRequest'];
export type UrgentType = UrgentRequest['type'];
export type UrgentStatus = UrgentRequest['status'];
export type ContactPoint = Schemas['ContactPoint'];

export const URGENT_TYPES: UrgentType[] = [
  'preservation',
  'traffic-data',
  'emergency-disclosure',
  'locate-suspect',
  'technical-advice',
];

export const POWERS = [
  'preservation',
  'partial-disclosure-traffic-data',
  'subscriber-information',
  'traffic-data',
  'content-data',
  'emergency-disclosure',
  'real-time-collection',
  'locate-suspect',
  'technical-advice',
] as const;

export interface FieldDef {
  name: string;
  long?: boolean;
  optional?: boolean;
  yesNo?: boolean;
}

/** The structured forms, as the API checks them (src/messaging/urgent/schema.ts). */
export const FORM_FIELDS: Record<UrgentType, FieldDef[]> = {
  preservation: [
    { name: 'requestingAuthority' },
    { name: 'offence' },
    { name: 'summary', long: true },
    { name: 'dataToPreserve', long: true },
    { name: 'relationToOffence', long: true },
    { name: 'custodian' },
    { name: 'necessity', long: true },
    { name: 'mlaToFollow', yesNo: true },
    { name: 'identifiers', long: true, optional: true },
  ],
  'traffic-data': [
    { name: 'requestingAuthority' },
    { name: 'offence' },
    { name: 'summary', long: true },
    { name: 'preservationReference', optional: true },
    { name: 'dataSought', long: true },
    { name: 'period' },
    { name: 'serviceProvider' },
    { name: 'necessity', long: true },
  ],
  'emergency-disclosure': [
    { name: 'requestingAuthority' },
    { name: 'threat', long: true },
    { name: 'summary', long: true },
    { name: 'dataSought', long: true },
    { name: 'serviceProvider' },
    { name: 'urgency', long: true },
  ],
  'locate-suspect': [
    { name: 'requestingAuthority' },
    { name: 'offence' },
    { name: 'summary', long: true },
    { name: 'suspect', long: true },
    { name: 'lastKnownLocation' },
    { name: 'legalBasis' },
  ],
  'technical-advice': [{ name: 'requestingAuthority' }, { name: 'topic' }, { name: 'question', long: true }],
};

/** The queue follows the event stream: any change to a request of mine refreshes it. */
export function useUrgentEvents() {
  const queryClient = useQueryClient();
  useEffect(() => {
    const refresh = () => {
      void queryClient.invalidateQueries({ queryKey: ['urgent'] });
      void queryClient.invalidateQueries({ queryKey: ['urgent-request'] });
    };
    const stops = [
      'urgent.created',
      'urgent.updated',
      'urgent.reminder',
      'urgent.escalated',
      'urgent.overdue',
    ].map((type) => onServerEvent(type, refresh));
    return () => {
      for (const stop of stops) stop();
    };
  }, [queryClient]);
}

/** The current time, moving every half minute: what the clocks count down from. */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

export interface UrgentFilters {
  role: 'incoming' | 'outgoing' | 'all';
  status?: UrgentStatus | 'open';
  overdue?: boolean;
}

export function useUrgentRequests(filters: UrgentFilters) {
  return useInfiniteQuery({
    queryKey: ['urgent', filters],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/urgent-requests', {
          params: {
            query: {
              role: filters.role,
              ...(filters.status ? { status: filters.status } : {}),
              ...(filters.overdue ? { overdue: true } : {}),
              limit: 50,
              cursor: pageParam,
            },
          },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useUrgentRequest(id: string | undefined) {
  return useQuery({
    queryKey: ['urgent-request', id],
    enabled: Boolean(id),
    queryFn: () => unwrap(api.GET('/api/v1/urgent-requests/{id}', { params: { path: { id: id! } } })),
    retry: false,
  });
}

export type UrgentAction = 'acknowledge' | 'start' | 'execute' | 'refuse' | 'renew';

export function useUrgentAction(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      action,
      note,
      preservedUntil,
    }: {
      action: UrgentAction;
      note?: string;
      preservedUntil?: string;
    }) =>
      unwrap(
        api.POST(`/api/v1/urgent-requests/{id}/${action}` as '/api/v1/urgent-requests/{id}/acknowledge', {
          params: { path: { id } },
          body: { ...(note ? { note } : {}), ...(preservedUntil ? { preservedUntil } : {}) },
        }),
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['urgent'] });
      void queryClient.invalidateQueries({ queryKey: ['urgent-request', id] });
      void queryClient.invalidateQueries({ queryKey: ['thread'] });
    },
  });
}

export type UrgentCreateBody =
  paths['/api/v1/urgent-requests']['post']['requestBody']['content']['application/json'];

export function useCreateUrgent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UrgentCreateBody) => unwrap(api.POST('/api/v1/urgent-requests', { body })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['urgent'] }),
  });
}

export function useContactPoints() {
  return useQuery({
    queryKey: ['contact-points'],
    queryFn: () => unwrap(api.GET('/api/v1/contact-points')),
  });
}

export function useDashboard(days: number) {
  return useQuery({
    queryKey: ['urgent', 'dashboard', days],
    queryFn: () => unwrap(api.GET('/api/v1/urgent-requests/dashboard', { params: { query: { days } } })),
  });
}

const OVERDUE_KEY = ['urgent', 'overdue-incoming'];
/** Shown as "50+" beyond: one page of the list, not a count the server keeps. */
const OVERDUE_SHOWN = 50;

/** The overdue count as shown: "50+" when a page was full. */
export function overdueLabel(count: number): string {
  return count >= OVERDUE_SHOWN ? `${OVERDUE_SHOWN}+` : String(count);
}

/**
 * How many requests my agency (a bureau: and its units) has let pass a deadline: shown in
 * the navigation and told to a supervisor when the application opens, so that an escalation
 * made while nobody was signed in is not lost with its live alert. Refreshed by events only
 * — the clocks' escalation is the event of a deadline passing — never by polling: every
 * request counts as activity, and a poll would keep an unattended session from timing out.
 */
export function useOverdueIncoming(enabled: boolean) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: OVERDUE_KEY,
    enabled,
    staleTime: Number.POSITIVE_INFINITY,
    queryFn: async () =>
      (
        await unwrap(
          api.GET('/api/v1/urgent-requests', {
            params: { query: { role: 'incoming', overdue: true, limit: OVERDUE_SHOWN } },
          }),
        )
      ).items.length,
  });
  useEffect(() => {
    if (!enabled) return;
    const refresh = () => void queryClient.invalidateQueries({ queryKey: OVERDUE_KEY });
    const stops = ['urgent.created', 'urgent.updated', 'urgent.escalated'].map((type) =>
      onServerEvent(type, refresh),
    );
    return () => {
      for (const stop of stops) stop();
    };
  }, [enabled, queryClient]);
  return query.data;
}
