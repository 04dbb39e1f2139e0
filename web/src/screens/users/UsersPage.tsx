import { Anchor, Badge, Button, Group, Paper, Select, Table, Text, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus, IconSearch, IconShieldCheck, IconShieldOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { User } from '../../api/client';
import { useMe } from '../../auth/session';
import { RoleBadge, StatusBadge } from '../../components/badges';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/problem';
import { DataTable, LoadMore, StateRow } from '../../components/tables';
import { useSearchBox, useUrlFilters } from '../../components/urlFilters';
import { DateTime } from '../../i18n/format';
import { CreateUserModal } from './CreateUserModal';
import { type UserFilters, useUsers } from './queries';

export function MfaBadge({ user }: { user: Pick<User, 'mfaEnabled' | 'mfaRequired'> }) {
  const { t } = useTranslation();
  if (user.mfaEnabled) {
    return (
      <Badge size="sm" variant="light" color="teal" radius="sm" leftSection={<IconShieldCheck size={12} />}>
        {t('users.mfaOn')}
      </Badge>
    );
  }
  return (
    <Badge
      size="sm"
      variant="light"
      color={user.mfaRequired ? 'orange' : 'gray'}
      radius="sm"
      leftSection={<IconShieldOff size={12} />}
    >
      {user.mfaRequired ? t('users.mfaPending') : t('users.mfaOff')}
    </Badge>
  );
}

export function UsersPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const { params, update } = useUrlFilters();
  const [search, setSearch] = useSearchBox();
  const [createOpen, create] = useDisclosure(false);

  const filters: UserFilters = {
    ...(params.get('q') ? { q: params.get('q')! } : {}),
    ...(params.get('status') ? { status: params.get('status') as User['status'] } : {}),
    ...(params.get('agency') ? { agency: params.get('agency')! } : {}),
  };
  const query = useUsers(filters);
  const rows = query.data?.pages.flatMap((p) => p.items) ?? [];
  const seesOthers = me.isNetworkStaff || me.agency.kind === 'bureau';

  return (
    <>
      <PageHeader
        title={t('users.title')}
        description={
          me.isNetworkStaff
            ? t('users.descriptionNetwork')
            : t('users.description', { agency: me.agency.name })
        }
        actions={
          me.can('users:manage') && (
            <Button
              leftSection={<IconPlus size={16} />}
              size="sm"
              onClick={create.open}
              data-testid="new-user"
            >
              {t('users.create')}
            </Button>
          )
        }
      />
      <Paper withBorder p="sm" mb="sm" radius="md" className="filter-bar">
        <Group gap="sm" align="flex-end">
          <TextInput
            label={t('common.search')}
            placeholder={t('users.searchPlaceholder')}
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            size="sm"
            w={280}
          />
          <Select
            label={t('users.status')}
            placeholder={t('common.all')}
            data={['active', 'disabled'].map((s) => ({ value: s, label: t(`status.${s}`) }))}
            value={params.get('status')}
            onChange={(v) => update('status', v)}
            clearable
            size="sm"
            w={160}
          />
          {seesOthers && (
            <TextInput
              label={t('users.agency')}
              placeholder={me.agency.code}
              value={params.get('agency') ?? ''}
              onChange={(e) =>
                update('agency', e.currentTarget.value.toUpperCase().replace(/[^A-Z0-9-]/g, '') || null)
              }
              size="sm"
              w={160}
            />
          )}
        </Group>
      </Paper>
      <ProblemAlert error={query.error} />
      <DataTable label={t('users.title')} minWidth={900}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={170}>{t('users.username')}</Table.Th>
            <Table.Th>{t('users.displayName')}</Table.Th>
            <Table.Th w={120}>{t('users.agency')}</Table.Th>
            <Table.Th>{t('users.roles')}</Table.Th>
            <Table.Th w={130}>{t('users.mfa')}</Table.Th>
            <Table.Th w={100}>{t('users.status')}</Table.Th>
            <Table.Th w={160}>{t('common.created')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          <StateRow
            columns={7}
            loading={query.isPending}
            empty={query.isSuccess && rows.length === 0}
            filtered={Object.keys(filters).length > 0}
          />
          {rows.map((user) => (
            <Table.Tr
              key={user.id}
              className="clickable-row"
              onClick={(e) => {
                if ((e.target as HTMLElement).closest('a')) return;
                navigate(`/users/${user.id}`);
              }}
            >
              <Table.Td>
                <Anchor component={Link} to={`/users/${user.id}`} fz="sm" className="mono">
                  {user.username}
                </Anchor>
              </Table.Td>
              <Table.Td>
                {user.displayName}
                {user.email && (
                  <Text span c="dimmed" fz="xs" ms={6}>
                    {user.email}
                  </Text>
                )}
              </Table.Td>
              <Table.Td className="mono">{user.agency}</Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {user.roles.map((role) => (
                    <RoleBadge key={role} role={role} />
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>
                <MfaBadge user={user} />
              </Table.Td>
              <Table.Td>
                <StatusBadge status={user.status} />
              </Table.Td>
              <Table.Td>
                <DateTime value={user.createdAt} />
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
      <CreateUserModal
        opened={createOpen}
        onClose={create.close}
        onCreated={(user) => navigate(`/users/${user.id}`)}
      />
    </>
  );
}
