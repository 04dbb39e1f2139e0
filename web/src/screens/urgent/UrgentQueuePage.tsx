import { Anchor, Badge, Button, Group, Table, Tabs, Text } from '@mantine/core';
import { IconFlame, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useMe } from '../../auth/session';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/problem';
import { DataTable, LoadMore, StateRow } from '../../components/tables';
import { useUrlFilters } from '../../components/urlFilters';
import { DateTime } from '../../i18n/format';
import { UrgentClock, UrgentStatusBadge } from './components';
import { type UrgentFilters, type UrgentRequest, useUrgentEvents, useUrgentRequests } from './queries';

const VIEWS: Record<string, UrgentFilters> = {
  incoming: { role: 'incoming', status: 'open' },
  outgoing: { role: 'outgoing' },
  overdue: { role: 'all', overdue: true },
  closed: { role: 'all', status: undefined },
};

const DEADLINE_ORDERED = new Set(['incoming', 'overdue']);

/** The deadline a request runs to now: acknowledgement until acknowledged, then completion. */
function nextDue(r: UrgentRequest): number {
  return new Date(r.status === 'sent' ? r.ackDueAt : r.completeDueAt).getTime();
}

function UrgentTable({ view }: { view: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const query = useUrgentRequests(VIEWS[view] ?? VIEWS.incoming!);
  const loaded = query.data?.pages.flatMap((p) => p.items) ?? [];
  // What must be done first comes first: open requests by their next deadline (the server
  // pages newest first; an agency's open requests fit in the first page or two).
  const rows = DEADLINE_ORDERED.has(view) ? [...loaded].sort((a, b) => nextDue(a) - nextDue(b)) : loaded;
  return (
    <>
      <ProblemAlert error={query.error} />
      <DataTable label={t('urgent.title')} minWidth={1000}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={170}>{t('urgent.reference')}</Table.Th>
            <Table.Th>{t('urgent.type')}</Table.Th>
            <Table.Th w={170}>{t('urgent.parties')}</Table.Th>
            <Table.Th w={130}>{t('urgent.statusLabel')}</Table.Th>
            <Table.Th w={230}>{t('urgent.clock.title')}</Table.Th>
            <Table.Th w={150}>{t('urgent.sent')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          <StateRow columns={6} loading={query.isPending} empty={query.isSuccess && rows.length === 0}>
            {query.isSuccess && rows.length === 0 ? (
              <Text fz="sm" c="dimmed">
                {t(`urgent.empty.${view}`)}
              </Text>
            ) : undefined}
          </StateRow>
          {rows.map((r) => (
            <Table.Tr
              key={r.id}
              className={r.overdue ? 'clickable-row overdue-row' : 'clickable-row'}
              onClick={() => navigate(`/urgent/${r.id}`)}
              data-testid="urgent-row"
              data-id={r.id}
            >
              <Table.Td>
                <Anchor
                  component={Link}
                  to={`/urgent/${r.id}`}
                  className="mono"
                  fz="sm"
                  onClick={(e) => e.stopPropagation()}
                >
                  {r.reference}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  {r.type === 'emergency-disclosure' && (
                    <IconFlame size={14} color="var(--mantine-color-red-7)" />
                  )}
                  <Text fz="sm">{t(`urgent.types.${r.type}`)}</Text>
                </Group>
              </Table.Td>
              <Table.Td className="mono" dir="ltr">
                {r.from} → {r.to}
                {r.side && (
                  <Badge size="xs" radius="sm" variant="outline" color="gray" ms={6}>
                    {t(`urgent.side.${r.side}`)}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                <UrgentStatusBadge status={r.status} />
              </Table.Td>
              <Table.Td>
                <UrgentClock request={r} />
              </Table.Td>
              <Table.Td>
                <DateTime value={r.createdAt} />
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

/** The 24/7 queue: requests received (the clocks run for my agency) and sent, overdue first to see. */
export function UrgentQueuePage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const { params, update } = useUrlFilters();
  useUrgentEvents();
  const view = params.get('view') ?? 'incoming';
  return (
    <>
      <PageHeader
        title={t('urgent.title')}
        description={t('urgent.description')}
        actions={
          <>
            <Button variant="default" component={Link} to="/urgent/directory">
              {t('urgent.directory')}
            </Button>
            <Button variant="default" component={Link} to="/urgent/dashboard">
              {t('urgent.dashboard')}
            </Button>
            {me.can('urgent:write') && me.agency.kind !== 'secretariat' && (
              <Button
                leftSection={<IconPlus size={16} />}
                color="red"
                onClick={() => navigate('/urgent/new')}
                data-testid="new-urgent"
              >
                {t('urgent.new')}
              </Button>
            )}
          </>
        }
      />
      <Tabs
        value={view}
        onChange={(v) => update('view', v === 'incoming' ? null : v)}
        mb="sm"
        keepMounted={false}
      >
        <Tabs.List>
          {Object.keys(VIEWS).map((v) => (
            <Tabs.Tab key={v} value={v} data-testid={`urgent-tab-${v}`}>
              {t(`urgent.views.${v}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {Object.keys(VIEWS).map((v) => (
          <Tabs.Panel key={v} value={v}>
            <UrgentTable view={v} />
          </Tabs.Panel>
        ))}
      </Tabs>
    </>
  );
}
