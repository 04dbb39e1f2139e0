import { Anchor, Button, Group, Paper, Select, Table, Text, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Agency } from '../../api/client';
import { useMe } from '../../auth/session';
import { StatusBadge } from '../../components/badges';
import { CountryCodeInput } from '../../components/CountryCodeInput';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/problem';
import { DataTable, LoadMore, StateRow } from '../../components/tables';
import { useSearchBox, useUrlFilters } from '../../components/urlFilters';
import { countryName, DateTime } from '../../i18n/format';
import { CreateUnitModal } from './CreateUnitModal';
import { type AgencyFilters, useAgencies } from './queries';

export const AGENCY_KINDS: Agency['kind'][] = [
  'secretariat',
  'bureau',
  'unit',
  'international-organisation',
  'partner',
];

/** Who may create a unit here: network admins anywhere, agency admins of a bureau under it. */
export function canCreateUnit(me: ReturnType<typeof useMe>, parent?: Agency): boolean {
  if (!me.can('agencies:create')) return false;
  if (me.isNetworkAdmin) return !parent || parent.kind === 'bureau' || parent.kind === 'secretariat';
  return me.agency.kind === 'bureau' && (!parent || parent.code === me.agency.code);
}

export function AgenciesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const { params, update } = useUrlFilters();
  const [search, setSearch] = useSearchBox();
  const [createOpen, create] = useDisclosure(false);
  const [countryText, setCountryText] = useState(params.get('country') ?? '');

  const filters: AgencyFilters = {
    ...(params.get('q') ? { q: params.get('q')! } : {}),
    ...(params.get('kind') ? { kind: params.get('kind') as Agency['kind'] } : {}),
    ...(params.get('status') ? { status: params.get('status') as Agency['status'] } : {}),
    ...(params.get('country') ? { country: params.get('country')! } : {}),
  };
  const query = useAgencies(filters);
  const rows = query.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <PageHeader
        title={t('agencies.title')}
        description={t('agencies.description')}
        actions={
          canCreateUnit(me) && (
            <Button leftSection={<IconPlus size={16} />} size="sm" onClick={create.open}>
              {t('agencies.createUnit')}
            </Button>
          )
        }
      />
      <Paper withBorder p="sm" mb="sm" radius="md" className="filter-bar">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <TextInput
            label={t('common.search')}
            placeholder={t('agencies.searchPlaceholder')}
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            size="sm"
            w={280}
            data-testid="agency-search"
          />
          <Select
            label={t('agencies.kind')}
            placeholder={t('common.all')}
            data={AGENCY_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
            value={params.get('kind')}
            onChange={(v) => update('kind', v)}
            clearable
            size="sm"
            w={220}
          />
          <Select
            label={t('agencies.status')}
            placeholder={t('common.all')}
            data={['active', 'suspended'].map((s) => ({ value: s, label: t(`status.${s}`) }))}
            value={params.get('status')}
            onChange={(v) => update('status', v)}
            clearable
            size="sm"
            w={160}
          />
          <CountryCodeInput
            label={t('agencies.countryCode')}
            description={null}
            value={countryText}
            onChange={(code) => {
              // Typed letter by letter: the list filters once a whole code (or none) is in.
              setCountryText(code);
              if (code.length !== 1) update('country', code || null);
            }}
            size="sm"
            w={110}
          />
        </Group>
      </Paper>
      <ProblemAlert error={query.error} />
      <DataTable label={t('agencies.title')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={150}>{t('agencies.code')}</Table.Th>
            <Table.Th>{t('agencies.name')}</Table.Th>
            <Table.Th w={190}>{t('agencies.kind')}</Table.Th>
            <Table.Th w={170}>{t('agencies.country')}</Table.Th>
            <Table.Th w={110}>{t('agencies.parent')}</Table.Th>
            <Table.Th w={110}>{t('agencies.status')}</Table.Th>
            <Table.Th w={170}>{t('common.updated')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          <StateRow
            columns={7}
            loading={query.isPending}
            empty={query.isSuccess && rows.length === 0}
            filtered={Object.keys(filters).length > 0}
          />
          {rows.map((agency) => (
            <Table.Tr
              key={agency.code}
              className="clickable-row"
              onClick={(e) => {
                if ((e.target as HTMLElement).closest('a')) return;
                navigate(`/agencies/${agency.code}`);
              }}
            >
              <Table.Td>
                <Anchor component={Link} to={`/agencies/${agency.code}`} fz="sm" className="mono">
                  {agency.code}
                </Anchor>
              </Table.Td>
              <Table.Td>{agency.name}</Table.Td>
              <Table.Td>{t(`kinds.${agency.kind}`)}</Table.Td>
              <Table.Td>
                {agency.country ? (
                  <Text span fz="sm">
                    {countryName(agency.country)}{' '}
                    <Text span c="dimmed" fz="xs">
                      {agency.country}
                    </Text>
                  </Text>
                ) : (
                  '—'
                )}
              </Table.Td>
              <Table.Td className="mono">{agency.parentCode ?? '—'}</Table.Td>
              <Table.Td>
                <StatusBadge status={agency.status} />
              </Table.Td>
              <Table.Td>
                <DateTime value={agency.updatedAt} />
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
      <CreateUnitModal
        opened={createOpen}
        onClose={create.close}
        parent={me.isNetworkAdmin ? undefined : me.agency}
        onCreated={(agency) => navigate(`/agencies/${agency.code}`)}
      />
    </>
  );
}
