import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api, unwrap } from '../../api/client';
import { onServerEvent } from '../../api/events';

export const UNREAD_KEY = ['hit-notifications-unread'] as const;

/**
 * The number of unread hit notifications: fetched once, then kept current by the server's
 * event stream (GET /api/v1/events). No polling: a poll would keep an idle session alive.
 */
export function useUnreadHits(enabled: boolean) {
  const queryClient = useQueryClient();
  const count = useQuery({
    queryKey: UNREAD_KEY,
    enabled,
    staleTime: Number.POSITIVE_INFINITY,
    queryFn: async () =>
      (await unwrap(api.GET('/api/v1/hit-notifications', { params: { query: { unread: true, limit: 1 } } })))
        .unread,
  });
  useEffect(() => {
    if (!enabled) return;
    const stopHits = onServerEvent('hit-notification', () => {
      queryClient.setQueryData<number>(UNREAD_KEY, (n) => (n ?? 0) + 1);
      // Lists show the new entry next time they are looked at, without a background fetch now.
      void queryClient.invalidateQueries({ queryKey: ['hit-notifications'], refetchType: 'none' });
    });
    // Back after longer than the server replays: the count and every list may be stale.
    const stopGap = onServerEvent('stream.gap', () => void queryClient.invalidateQueries());
    return () => {
      stopHits();
      stopGap();
    };
  }, [enabled, queryClient]);
  return count.data ?? 0;
}
