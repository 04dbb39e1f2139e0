import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useMe } from '../../auth/session';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/problem';
import { DataTable, LoadMore, StateRow } from '../../components/tables';
import { useUrlFilters } from '../../components/urlFilters';
import { DateTime } from '../../i18n/format';
import { NoticeStatusBadge, TypeBadge } from './display';
import { type Scope, useNoticeEvents, useNotices, useNoticeTypes } from './queries';

const STATUSES = [
  'draft',
  'submitted',
  'under-review',
  'returned',
  'refused',
  'published',
  'suspended',
  'cancelled',
  'expired',
  'circulated',
  'withdrawn',
];

/** Find notices in force by the subject's name, across scripts and spellings. */
function NameSearch() {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const search = useMutation({
    mutationFn: (text: string) => unwrap(api.POST('/api/v1/notices/search', { body: { name: text } })),
  });
  return (
    <Card withBorder radius="md" p="sm" mb="sm">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim()) search.mutate(name.trim());
        }}
      >
        <Group align="flex-end" gap="sm">
          <TextInput
            label={t('notices.search.label')}
            description={t('notices.search.help')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            style={{ flex: 1 }}
            data-testid="notice-name-search"
          />
          <Button
            type="submit"
            leftSection={<IconSearch size={16} />}
            loading={search.isPending}
            data-testid="notice-name-search-submit"
          >
            {t('notices.search.submit')}
          </Button>
        </Group>
      </form>
      <ProblemAlert error={search.error} />
      {search.data && (
        <Stack gap={6} mt="sm" data-testid="notice-candidates">
          {search.data.candidates.length === 0 && (
            <Text c="dimmed" fz="sm">
              {t('notices.search.none')}
            </Text>
          )}
          {search.data.candidates.map((c) => (
            <Paper
              key={c.notice.id}
              withBorder
              p="xs"
              radius="sm"
              data-testid="notice-candidate"
              data-band={c.band}
              data-notice-id={c.notice.id}
            >
              <Group gap="sm" wrap="nowrap">
                <TypeBadge type={c.notice.type} />
                <Anchor component={Link} to={`/notices/${c.notice.id}`} fz="sm">
                  {c.notice.reference} · <bdi>{c.notice.summary}</bdi>
                </Anchor>
                <Badge
                  variant="light"
                  color={c.band === 'strong' ? 'teal' : c.band === 'possible' ? 'yellow' : 'gray'}
                >
                  {t(`notices.search.band.${c.band}`, { defaultValue: c.band })} {Math.round(c.score * 100)}%
                </Badge>
              </Group>
              <Text fz="xs" c="dimmed" mt={2}>
                {String((c.explanation as { text?: string }).text ?? '')}
              </Text>
            </Paper>
          ))}
        </Stack>
      )}
    </Card>
  );
}

export function NoticesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const types = useNoticeTypes();
  const { params, update } = useUrlFilters();
  const reviewer = me.can('notices:review');
  const requests = me.can('notices:request');
  const scope = (params.get('scope') as Scope | null) ?? (reviewer ? 'review' : 'in-force');
  const type = params.get('type') ?? undefined;
  const status = params.get('status') ?? undefined;
  const q = params.get('q') ?? undefined;
  useNoticeEvents();
  const query = useNotices({
    scope,
    ...(type ? { type } : {}),
    ...(status ? { status } : {}),
    ...(q ? { q } : {}),
  });
  const rows = query.data?.pages.flatMap((p) => p.items) ?? [];
  const specOf = (code: string) => types.data?.types.find((x) => x.type === code);
  const scopes: { value: Scope; label: string }[] = [
    { value: 'in-force', label: t('notices.scope.inForce') },
    ...(requests || me.agency.kind !== 'secretariat'
      ? [{ value: 'mine' as const, label: t('notices.scope.mine') }]
      : []),
    ...(reviewer ? [{ value: 'review' as const, label: t('notices.scope.review') }] : []),
  ];
  return (
    <>
      <PageHeader
        title={t('notices.title')}
        description={t('notices.description')}
        actions={
          requests && (
            <Button
              component={Link}
              to="/notices/new"
              leftSection={<IconPlus size={16} />}
              data-testid="new-notice"
            >
              {t('notices.new')}
            </Button>
          )
        }
      />
      {scope === 'in-force' && <NameSearch />}
      <Paper withBorder p="sm" mb="sm" radius="md" className="filter-bar">
        <Group gap="sm" align="flex-end">
          <SegmentedControl
            data={scopes}
            value={scope}
            onChange={(v) => update('scope', v)}
            data-testid="notice-scope"
          />
          <Select
            label={t('notices.type')}
            placeholder={t('common.all')}
            data={(types.data?.types ?? []).map((x) => ({
              value: x.type,
              label: t(`noticeTypes.${x.type}`, { defaultValue: x.title }),
            }))}
            value={type ?? null}
            onChange={(v) => update('type', v)}
            clearable
            w={220}
          />
          <Select
            label={t('notices.status')}
            placeholder={t('common.all')}
            data={STATUSES.map((s) => ({ value: s, label: t(`noticeStatus.${s}`) }))}
            value={status ?? null}
            onChange={(v) => update('status', v)}
            clearable
            w={180}
          />
          <TextInput
            label={t('notices.reference')}
            placeholder="2026/10001"
            defaultValue={q}
            onChange={(e) => update('q', e.currentTarget.value || null)}
            w={180}
          />
        </Group>
      </Paper>
      <ProblemAlert error={query.error} />
      <DataTable label={t('notices.title')} minWidth={900}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={130}>{t('notices.reference')}</Table.Th>
            <Table.Th w={150}>{t('notices.type')}</Table.Th>
            <Table.Th>{t('notices.summary')}</Table.Th>
            <Table.Th w={110}>{t('notices.requester')}</Table.Th>
            <Table.Th w={140}>{t('notices.status')}</Table.Th>
            <Table.Th w={120}>{t('common.updated')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          <StateRow
            columns={6}
            loading={query.isPending}
            empty={query.isSuccess && rows.length === 0}
            filtered={Boolean(type || status || q)}
          />
          {rows.map((n) => (
            <Table.Tr
              key={n.id}
              className="clickable-row"
              data-testid="notice-row"
              data-notice-id={n.id}
              onClick={(e) => {
                if ((e.target as HTMLElement).closest('a, button')) return;
                navigate(`/notices/${n.id}`);
              }}
            >
              <Table.Td className="mono">
                <Anchor component={Link} to={`/notices/${n.id}`} fz="sm">
                  {n.reference}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <TypeBadge type={n.type} spec={specOf(n.type)} />
                {n.kind === 'diffusion' && (
                  <Text fz="xs" c="dimmed">
                    {t('notices.diffusion')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td className="wrap">
                <bdi>{n.summary}</bdi>
              </Table.Td>
              <Table.Td className="mono">{n.requester}</Table.Td>
              <Table.Td>
                <NoticeStatusBadge status={n.status} />
              </Table.Td>
              <Table.Td>
                <DateTime value={n.updatedAt} dateOnly />
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
