import { Anchor, Badge, Button, CloseButton, Group, Paper, Switch, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconChecks, IconRefresh } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useMe } from '../../auth/session';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/problem';
import { DataTable, LoadMore, StateRow } from '../../components/tables';
import { useUrlFilters } from '../../components/urlFilters';
import { DateTime } from '../../i18n/format';
import { type HitNotification, useHitNotifications } from '../records/queries';
import { RecordSummary } from '../records/RecordSummary';
import { notifiedRecord } from '../records/summary';
import { AgencyLink, OutcomeBadge } from '../search/ResultCards';
import { UNREAD_KEY } from './unread';

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (n: HitNotification) =>
      unwrap(api.POST('/api/v1/hit-notifications/{id}/read', { params: { path: { id: n.id } } })),
    onSuccess: () => {
      queryClient.setQueryData<number>(UNREAD_KEY, (n) => Math.max(0, (n ?? 1) - 1));
      void queryClient.invalidateQueries({ queryKey: ['hit-notifications'] });
    },
  });
}

/**
 * Marks read everything up to the newest notification on screen (one arriving meanwhile
 * stays unread), for one record when the list shows one.
 */
function useMarkAllRead() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { upTo: string; recordId?: string }) =>
      unwrap(api.POST('/api/v1/hit-notifications/read', { body: input })),
    onSuccess: ({ marked }) => {
      notifications.show({ color: 'teal', message: t('hits.markedAll', { count: marked }) });
      void queryClient.invalidateQueries({ queryKey: UNREAD_KEY });
      void queryClient.invalidateQueries({ queryKey: ['hit-notifications'] });
    },
  });
}

/** Hits on my agency's records (a bureau: and its units'): who searched, when, how. */
export function HitNotificationsPage() {
  const { t } = useTranslation();
  const { params, update } = useUrlFilters();
  const unreadOnly = params.get('unread') === 'true';
  const recordId = params.get('record') ?? undefined;
  const query = useHitNotifications(unreadOnly, recordId);
  const rows = query.data?.pages.flatMap((p) => p.items) ?? [];
  const unread = query.data?.pages[0]?.unread ?? 0;
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const newest = rows[0];
  const queryClient = useQueryClient();
  const me = useMe();

  return (
    <>
      <PageHeader
        title={t('hits.title')}
        description={t('hits.description')}
        actions={
          <>
            {newest && rows.some((n) => !n.readAt) && (
              <Button
                variant="default"
                leftSection={<IconChecks size={16} />}
                onClick={() => markAll.mutate({ upTo: newest.id, ...(recordId ? { recordId } : {}) })}
                loading={markAll.isPending}
                data-testid="mark-all-read"
              >
                {t('hits.markAllRead')}
              </Button>
            )}
            <Button
              variant="default"
              leftSection={<IconRefresh size={16} />}
              onClick={() => {
                void query.refetch();
                void queryClient.invalidateQueries({ queryKey: UNREAD_KEY });
              }}
              loading={query.isRefetching}
              data-testid="refresh-hits"
            >
              {t('hits.refresh')}
            </Button>
          </>
        }
      />
      <Paper withBorder p="sm" mb="sm" radius="md" className="filter-bar">
        <Group gap="md">
          <Switch
            label={t('hits.unreadOnly')}
            checked={unreadOnly}
            onChange={(e) => update('unread', e.currentTarget.checked ? 'true' : null)}
          />
          <Text fz="sm" c="dimmed" data-testid="unread-count">
            {/* The server counts up to 10,000: more reads as 10,000+. */}
            {t('hits.unread', { count: unread, formatted: unread >= 10_000 ? '10,000+' : String(unread) })}
          </Text>
          {recordId && (
            <Badge
              variant="light"
              radius="sm"
              data-testid="record-filter"
              rightSection={
                <CloseButton
                  size="xs"
                  aria-label={t('hits.allRecords')}
                  onClick={() => update('record', null)}
                />
              }
            >
              {t('hits.forRecord')}
            </Badge>
          )}
        </Group>
      </Paper>
      <ProblemAlert error={query.error ?? markRead.error ?? markAll.error} />
      <DataTable label={t('hits.title')} minWidth={1000}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={150}>{t('hits.at')}</Table.Th>
            <Table.Th>{t('hits.record')}</Table.Th>
            <Table.Th w={160}>{t('hits.searcher')}</Table.Th>
            <Table.Th w={110}>{t('hits.outcome')}</Table.Th>
            <Table.Th w={120}>{t('hits.scheme')}</Table.Th>
            <Table.Th w={140}>{t('search.hitRef')}</Table.Th>
            <Table.Th w={110}>{t('hits.read')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          <StateRow columns={7} loading={query.isPending} empty={query.isSuccess && rows.length === 0}>
            {query.isSuccess && rows.length === 0 ? (
              <Text c="dimmed" fz="sm">
                {t('hits.empty')}
              </Text>
            ) : undefined}
          </StateRow>
          {rows.map((n) => (
            <Table.Tr
              key={n.id}
              data-testid="hit-row"
              data-unread={n.readAt ? undefined : 'true'}
              className={n.readAt ? undefined : 'unread-row'}
            >
              <Table.Td>
                <DateTime value={n.at} />
              </Table.Td>
              <Table.Td className="wrap">
                <Anchor component={Link} to={`/records/${n.recordId}`} fz="sm">
                  <RecordSummary record={notifiedRecord(n)} />
                </Anchor>
                {n.owner !== me.agency.code && (
                  <Text span fz="xs" c="dimmed" ms={6} className="mono">
                    {n.owner}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <AgencyLink code={n.searcherAgency} />
                {n.searcherName && (
                  <Text span fz="xs" c="dimmed" ms={6}>
                    {n.searcherName}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <OutcomeBadge outcome={n.outcome} />
              </Table.Td>
              <Table.Td fz="xs">{t(`schemes.${n.scheme}`, { defaultValue: n.scheme })}</Table.Td>
              <Table.Td className="mono hit-ref-cell" dir="ltr">
                {n.id}
              </Table.Td>
              <Table.Td>
                {n.readAt ? (
                  <Badge size="sm" variant="light" color="gray" radius="sm">
                    {t('hits.readBadge')}
                  </Badge>
                ) : (
                  <Button
                    size="compact-xs"
                    variant="light"
                    leftSection={<IconCheck size={12} />}
                    onClick={() => markRead.mutate(n)}
                    loading={markRead.isPending && markRead.variables?.id === n.id}
                    data-testid="mark-read"
                  >
                    {t('hits.markRead')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </DataTable>
      <LoadMore
        count={rows.length}
        hasMore={Boolean(query.hasNextPage)}
        loading={query.isFetchingNextPage}
        onLoad={() => void query.fetchNextPage()}
      />
    </>
  );
}
