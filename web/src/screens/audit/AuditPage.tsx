import {
  Anchor,
  Autocomplete,
  Badge,
  Button,
  Code,
  Drawer,
  Group,
  Loader,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { IconFilter, IconX } from '@tabler/icons-react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { type AuditEntry, api, unwrap } from '../../api/client';
import { useMe } from '../../auth/session';
import { StatusBadge } from '../../components/badges';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/problem';
import { DataTable, LoadMore, StateRow } from '../../components/tables';
import { DateTime, utcString } from '../../i18n/format';

const FILTER_KEYS = [
  'from',
  'to',
  'principal',
  'action',
  'objectType',
  'objectId',
  'outcome',
  'agency',
] as const;
type FilterKey = (typeof FILTER_KEYS)[number];
type Filters = Partial<Record<FilterKey, string>>;

const ACTIONS = [
  'auth.*',
  'auth.login',
  'auth.logout',
  'auth.mfa.*',
  'user.*',
  'user.create',
  'user.update',
  'user.mfa.reset',
  'user.password.reset',
  'api-key.*',
  'api-key.create',
  'api-key.revoke',
  'agency.*',
  'agency.create',
  'agency.suspend',
  'agency.reactivate',
  'session.revoke',
  'access.denied',
  'audit.read',
];
const OBJECT_TYPES = [
  'user',
  'agency',
  'session',
  'api-key',
  'record',
  'record-photo',
  'notice',
  'protected-person',
  'message',
  'thread',
  'attachment',
  'draft',
  'forward-permission',
  'message-group',
  'agency-key',
  'webhook',
  'webhook-delivery',
  'urgent-request',
  'contact-point',
];

/** datetime-local value (local time) ↔ ISO 8601 UTC for the API and the URL. */
function toLocalInput(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const local = new Date(d.getTime() - d.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}
function fromLocalInput(value: string): string | undefined {
  if (!value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

function readFilters(params: URLSearchParams): Filters {
  const filters: Filters = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  return filters;
}

/** The audit log: who did what, when; filtered by time, user, action and object. */
export function AuditPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const { id } = useParams();
  const [params, setParams] = useSearchParams();
  const applied = readFilters(params);
  const [draft, setDraft] = useState<Filters>(applied);
  const search = params.toString();

  useEffect(() => {
    setDraft(readFilters(new URLSearchParams(search)));
  }, [search]);

  const entries = useInfiniteQuery({
    queryKey: ['audit', applied],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/audit', {
          params: {
            query: {
              ...applied,
              outcome: applied.outcome as AuditEntry['outcome'] | undefined,
              limit: 100,
              cursor: pageParam,
            },
          },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = entries.data?.pages.flatMap((p) => p.items) ?? [];

  const apply = (filters: Filters) => {
    const next = new URLSearchParams();
    for (const key of FILTER_KEYS) if (filters[key]) next.set(key, filters[key]!.trim());
    setParams(next);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    apply(draft);
  };
  const quick = (hours: number) => {
    const next = { ...draft, from: new Date(Date.now() - hours * 3_600_000).toISOString() };
    delete next.to;
    apply(next);
  };
  const set = (key: FilterKey, value: string | null | undefined) =>
    setDraft((current) => {
      const next = { ...current };
      if (value) next[key] = value;
      else delete next[key];
      return next;
    });
  const open = (entry: AuditEntry) => navigate({ pathname: `/audit/${entry.id}`, search });
  const active = Object.keys(applied).length;

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        description={
          me.isNetworkStaff
            ? t('audit.descriptionNetwork')
            : t('audit.description', { agency: me.agency.code })
        }
      />
      <Paper withBorder p="sm" mb="sm" radius="md" className="filter-bar" component="form" onSubmit={submit}>
        <Group gap="sm" align="flex-end" className="audit-filters">
          <TextInput
            type="datetime-local"
            label={t('audit.from')}
            value={toLocalInput(draft.from)}
            onChange={(e) => set('from', fromLocalInput(e.currentTarget.value))}
            size="sm"
            w={205}
          />
          <TextInput
            type="datetime-local"
            label={t('audit.to')}
            value={toLocalInput(draft.to)}
            onChange={(e) => set('to', fromLocalInput(e.currentTarget.value))}
            size="sm"
            w={205}
          />
          <TextInput
            label={t('audit.user')}
            placeholder={t('audit.userPlaceholder')}
            value={draft.principal ?? ''}
            onChange={(e) => set('principal', e.currentTarget.value)}
            size="sm"
            w={160}
            data-testid="audit-principal"
          />
          <Autocomplete
            label={t('audit.action')}
            placeholder="api-key.*"
            data={ACTIONS}
            value={draft.action ?? ''}
            onChange={(v) => set('action', v)}
            size="sm"
            w={170}
            data-testid="audit-action"
          />
          <Select
            label={t('audit.objectType')}
            placeholder={t('common.all')}
            data={OBJECT_TYPES.map((o) => ({ value: o, label: t(`objects.${o}`, { defaultValue: o }) }))}
            value={draft.objectType ?? null}
            onChange={(v) => set('objectType', v)}
            clearable
            size="sm"
            w={150}
          />
          <TextInput
            label={t('audit.objectId')}
            value={draft.objectId ?? ''}
            onChange={(e) => set('objectId', e.currentTarget.value)}
            size="sm"
            w={190}
          />
          <Select
            label={t('audit.outcome')}
            placeholder={t('common.all')}
            data={['success', 'failure', 'denied'].map((o) => ({ value: o, label: t(`status.${o}`) }))}
            value={draft.outcome ?? null}
            onChange={(v) => set('outcome', v)}
            clearable
            size="sm"
            w={130}
          />
          <TextInput
            label={t('users.agency')}
            placeholder={me.isNetworkStaff ? t('common.all') : me.agency.code}
            value={draft.agency ?? ''}
            onChange={(e) => set('agency', e.currentTarget.value.toUpperCase().replace(/[^A-Z0-9-]/g, ''))}
            size="sm"
            w={110}
          />
        </Group>
        <Group justify="space-between" mt="sm" gap="xs">
          <Group gap={6}>
            <Text fz="xs" c="dimmed">
              {t('audit.quick')}
            </Text>
            <Button size="compact-xs" variant="default" onClick={() => quick(1)}>
              {t('audit.lastHour')}
            </Button>
            <Button size="compact-xs" variant="default" onClick={() => quick(24)}>
              {t('audit.last24h')}
            </Button>
            <Button size="compact-xs" variant="default" onClick={() => quick(24 * 7)}>
              {t('audit.last7d')}
            </Button>
          </Group>
          <Group gap="xs">
            {active > 0 && (
              <Button
                size="compact-sm"
                variant="subtle"
                color="gray"
                leftSection={<IconX size={14} />}
                onClick={() => apply({})}
              >
                {t('audit.clear')}
              </Button>
            )}
            <Button
              size="compact-sm"
              type="submit"
              leftSection={<IconFilter size={14} />}
              data-testid="audit-apply"
            >
              {t('audit.apply')}
            </Button>
          </Group>
        </Group>
      </Paper>
      <ProblemAlert error={entries.error} />
      <DataTable label={t('audit.title')} minWidth={980}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={190}>{t('audit.time')}</Table.Th>
            <Table.Th w={190}>{t('audit.user')}</Table.Th>
            <Table.Th w={110}>{t('users.agency')}</Table.Th>
            <Table.Th w={190}>{t('audit.action')}</Table.Th>
            <Table.Th>{t('audit.object')}</Table.Th>
            <Table.Th w={100}>{t('audit.outcome')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          <StateRow
            columns={6}
            loading={entries.isPending}
            empty={entries.isSuccess && rows.length === 0}
            filtered={active > 0}
          />
          {rows.map((entry) => (
            <Table.Tr
              key={entry.id}
              className="clickable-row"
              onClick={(e) => {
                if ((e.target as HTMLElement).closest('a')) return;
                open(entry);
              }}
              data-action={entry.action}
            >
              <Table.Td>
                <Anchor component={Link} to={{ pathname: `/audit/${entry.id}`, search }} fz="sm">
                  <DateTime value={entry.at} seconds />
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Principal entry={entry} />
              </Table.Td>
              <Table.Td className="mono">{entry.agency ?? '—'}</Table.Td>
              <Table.Td>
                <Code fz="xs" dir="ltr">
                  {entry.action}
                </Code>
              </Table.Td>
              <Table.Td>
                <ObjectRef entry={entry} />
              </Table.Td>
              <Table.Td>
                <StatusBadge status={entry.outcome} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </DataTable>
      <LoadMore
        count={rows.length}
        hasMore={Boolean(entries.hasNextPage)}
        loading={entries.isFetchingNextPage}
        onLoad={() => void entries.fetchNextPage()}
      />
      <EntryDrawer id={id} onClose={() => navigate({ pathname: '/audit', search })} onFilter={apply} />
    </>
  );
}

function Principal({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  if (entry.principalType === 'anonymous') {
    return (
      <Text fz="sm" c="dimmed">
        {t('audit.anonymous')}
        {typeof entry.details?.attemptedName === 'string' ? ` (${entry.details.attemptedName})` : ''}
      </Text>
    );
  }
  return (
    <Group gap={6} wrap="nowrap">
      <Text fz="sm" truncate="end">
        {entry.principalName ?? entry.principalId ?? '—'}
      </Text>
      {entry.principalType !== 'user' && (
        <Badge size="xs" variant="outline" color="gray" radius="sm" tt="none">
          {t(`audit.principalTypes.${entry.principalType}`)}
        </Badge>
      )}
    </Group>
  );
}

function ObjectRef({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  if (!entry.objectType)
    return (
      <Text span c="dimmed">
        —
      </Text>
    );
  return (
    <Text fz="sm" truncate="end" component="span">
      {t(`objects.${entry.objectType}`, { defaultValue: entry.objectType })}{' '}
      {entry.objectId && (
        <Text span fz="xs" c="dimmed" className="mono" dir="ltr">
          {entry.objectId}
        </Text>
      )}
    </Text>
  );
}

function EntryDrawer({
  id,
  onClose,
  onFilter,
}: {
  id: string | undefined;
  onClose: () => void;
  onFilter: (filters: Filters) => void;
}) {
  const { t } = useTranslation();
  const entry = useQuery({
    queryKey: ['audit-entry', id],
    enabled: Boolean(id),
    queryFn: () => unwrap(api.GET('/api/v1/audit/{id}', { params: { path: { id: id! } } })),
  });
  const e = entry.data;
  const row = (label: string, value: React.ReactNode) => (
    <Table.Tr>
      <Table.Th w={150} fw={500} c="dimmed" scope="row">
        {label}
      </Table.Th>
      <Table.Td>{value ?? '—'}</Table.Td>
    </Table.Tr>
  );
  const mono = (value: string | null | undefined) =>
    value ? (
      <Text span fz="sm" className="mono" dir="ltr">
        {value}
      </Text>
    ) : null;

  return (
    <Drawer
      opened={Boolean(id)}
      onClose={onClose}
      position="right"
      size="lg"
      title={
        <Text fw={600} component="span">
          {t('audit.entry')}
          {e && (
            <Code ms="xs" fz="sm" dir="ltr">
              {e.action}
            </Code>
          )}
        </Text>
      }
      data-testid="audit-drawer"
    >
      {entry.isPending && <Loader size="sm" role="status" aria-label={t('common.loading')} />}
      <ProblemAlert error={entry.error} />
      {e && (
        <Stack gap="md">
          <Table fz="sm" verticalSpacing={6} className="detail-table">
            <Table.Tbody>
              {row(
                t('audit.time'),
                <Stack gap={0}>
                  <DateTime value={e.at} seconds />
                  <Text fz="xs" c="dimmed" dir="ltr">
                    {utcString(e.at)}
                  </Text>
                </Stack>,
              )}
              {row(t('audit.outcome'), <StatusBadge status={e.outcome} />)}
              {row(t('audit.action'), mono(e.action))}
              {row(
                t('audit.user'),
                <>
                  <Principal entry={e} />
                  {e.principalId && (
                    <Text fz="xs" c="dimmed" className="mono" dir="ltr">
                      {e.principalId}
                    </Text>
                  )}
                </>,
              )}
              {row(t('users.agency'), mono(e.agency))}
              {row(
                t('audit.objectType'),
                e.objectType ? t(`objects.${e.objectType}`, { defaultValue: e.objectType }) : null,
              )}
              {row(t('audit.objectId'), mono(e.objectId))}
              {row(t('audit.objectAgency'), mono(e.objectAgency))}
              {row(t('audit.requestId'), mono(e.requestId))}
              {e.queryFingerprint && row(t('audit.fingerprint'), mono(e.queryFingerprint))}
              {e.resultCount !== null && row(t('audit.resultCount'), e.resultCount)}
              {row(t('audit.sequence'), mono(String(e.seq)))}
              {row(
                t('audit.hash'),
                <Text fz="xs" className="mono hash" dir="ltr">
                  {e.hash}
                </Text>,
              )}
            </Table.Tbody>
          </Table>
          {e.details && Object.keys(e.details).length > 0 && (
            <div>
              <Text fw={600} fz="sm" mb={4}>
                {t('audit.details')}
              </Text>
              <Code block fz="xs" dir="ltr">
                {JSON.stringify(e.details, null, 2)}
              </Code>
            </div>
          )}
          <Group gap="xs">
            {e.principalId && (
              <Button
                size="compact-sm"
                variant="default"
                onClick={() => onFilter({ principal: e.principalId! })}
              >
                {t('audit.filterUser')}
              </Button>
            )}
            {e.objectId && (
              <Button
                size="compact-sm"
                variant="default"
                onClick={() => onFilter({ objectType: e.objectType ?? undefined, objectId: e.objectId! })}
              >
                {t('audit.filterObject')}
              </Button>
            )}
          </Group>
        </Stack>
      )}
    </Drawer>
  );
}
