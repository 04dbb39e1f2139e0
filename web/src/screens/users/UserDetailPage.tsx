import {
  Anchor,
  Breadcrumbs,
  Button,
  Card,
  Checkbox,
  Grid,
  Group,
  SimpleGrid,
  Table,
  Text,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconKey, IconPencil, IconShieldX, IconUserCheck, IconUserOff } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, type Role, type User, unwrap } from '../../api/client';
import { useMe } from '../../auth/session';
import { StatusBadge } from '../../components/badges';
import { ConfirmModal } from '../../components/ConfirmModal';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/problem';
import { LOCALE_NAMES } from '../../i18n';
import { DateTime } from '../../i18n/format';
import { useAgency } from '../agencies/queries';
import { useUser } from './queries';
import { canManageUser, grantableRoles } from './roles';
import { EditDetailsModal, SetPasswordModal } from './UserEditModals';
import { MfaBadge } from './UsersPage';

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Table.Tr>
      <Table.Th w={170} fw={500} c="dimmed" scope="row">
        {label}
      </Table.Th>
      <Table.Td>{children}</Table.Td>
    </Table.Tr>
  );
}

export function UserDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const me = useMe();
  const queryClient = useQueryClient();
  const user = useUser(id);
  const u = user.data;
  const agency = useAgency(u?.agency);
  const [roles, setRoles] = useState<Role[]>([]);
  const [statusOpen, statusModal] = useDisclosure(false);
  const [mfaOpen, mfaModal] = useDisclosure(false);
  const [passwordOpen, passwordModal] = useDisclosure(false);
  const [detailsOpen, detailsModal] = useDisclosure(false);

  useEffect(() => {
    if (u) setRoles(u.roles);
  }, [u]);

  const store = (updated: User) => {
    queryClient.setQueryData(['user', updated.id], updated);
    void queryClient.invalidateQueries({ queryKey: ['users'] });
  };

  const saveRoles = useMutation({
    mutationFn: () =>
      unwrap(api.PATCH('/api/v1/users/{id}', { params: { path: { id: id! } }, body: { roles } })),
    onSuccess: (updated) => {
      store(updated);
      notifications.show({ color: 'teal', message: t('users.rolesSaved') });
    },
  });

  const crumbs = (
    <Breadcrumbs separator="›" fz="sm">
      <Anchor component={Link} to="/users" fz="sm">
        {t('users.title')}
      </Anchor>
      <Text fz="sm">{u?.username ?? '…'}</Text>
    </Breadcrumbs>
  );
  if (user.error) {
    return (
      <>
        <PageHeader title={t('users.title')} above={crumbs} />
        <ProblemAlert error={user.error} />
      </>
    );
  }

  const self = u?.id === me.user?.id;
  const manageable = Boolean(u) && canManageUser(me, u!) && !self;
  const kind = agency.data?.kind ?? me.agency.kind;
  const offered = u ? Array.from(new Set([...grantableRoles(me, kind), ...u.roles])) : [];
  const grantable = new Set(grantableRoles(me, kind));
  const disabled = u?.status === 'disabled';
  const rolesChanged = u && [...roles].sort().join() !== [...u.roles].sort().join();

  return (
    <>
      <PageHeader
        above={crumbs}
        title={u?.displayName ?? '…'}
        description={u ? `${u.username} · ${u.agency}` : undefined}
        actions={
          u &&
          manageable && (
            <>
              <Button
                variant="default"
                size="sm"
                leftSection={<IconPencil size={16} />}
                onClick={detailsModal.open}
                data-testid="edit-details"
              >
                {t('users.editDetails')}
              </Button>
              <Button
                variant="default"
                size="sm"
                leftSection={<IconKey size={16} />}
                onClick={passwordModal.open}
                data-testid="set-password"
              >
                {t('users.setPassword')}
              </Button>
              <Button
                variant="default"
                size="sm"
                leftSection={<IconShieldX size={16} />}
                onClick={mfaModal.open}
                disabled={!u.mfaEnabled}
                data-testid="reset-mfa"
              >
                {t('users.resetMfa')}
              </Button>
              <Button
                size="sm"
                variant="light"
                color={disabled ? 'teal' : 'red'}
                leftSection={disabled ? <IconUserCheck size={16} /> : <IconUserOff size={16} />}
                onClick={statusModal.open}
                data-testid="toggle-user-status"
              >
                {disabled ? t('users.enable') : t('users.disable')}
              </Button>
            </>
          )
        }
      />
      {u && (
        <Grid gutter="md">
          <Grid.Col span={{ base: 12, lg: 6 }}>
            <Card withBorder radius="md" padding="sm">
              <Text fw={600} fz="sm" mb="xs" component="h2">
                {t('users.details')}
              </Text>
              <Table fz="sm" verticalSpacing={6} className="detail-table">
                <Table.Tbody>
                  <Row label={t('users.username')}>
                    <span className="mono">{u.username}</span>
                  </Row>
                  <Row label={t('users.displayName')}>{u.displayName}</Row>
                  <Row label={t('users.email')}>{u.email ?? '—'}</Row>
                  <Row label={t('users.agency')}>
                    <Anchor component={Link} to={`/agencies/${u.agency}`} fz="sm">
                      {u.agency}
                    </Anchor>
                    {agency.data && (
                      <Text span c="dimmed" fz="xs" ms={6}>
                        {agency.data.name}
                      </Text>
                    )}
                  </Row>
                  <Row label={t('users.status')}>
                    <StatusBadge status={u.status} />
                  </Row>
                  <Row label={t('users.mfa')}>
                    <MfaBadge user={u} />
                  </Row>
                  <Row label={t('users.language')}>
                    {u.locale ? (LOCALE_NAMES[u.locale as keyof typeof LOCALE_NAMES] ?? u.locale) : '—'}
                  </Row>
                  <Row label={t('common.created')}>
                    <DateTime value={u.createdAt} />
                  </Row>
                  <Row label={t('common.updated')}>
                    <DateTime value={u.updatedAt} />
                  </Row>
                </Table.Tbody>
              </Table>
            </Card>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 6 }}>
            <Card withBorder radius="md" padding="sm">
              <Text fw={600} fz="sm" mb={4} component="h2" id="roles-heading">
                {t('users.roles')}
              </Text>
              <Text fz="xs" c="dimmed" mb="sm">
                {self ? t('users.rolesSelf') : manageable ? t('users.rolesHelp') : t('users.rolesReadOnly')}
              </Text>
              <Checkbox.Group
                value={roles}
                onChange={(v) => setRoles(v as Role[])}
                aria-labelledby="roles-heading"
              >
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing={8}>
                  {offered.map((role) => (
                    <Checkbox
                      key={role}
                      value={role}
                      label={t(`roles.${role}`)}
                      description={t(`roleHelp.${role}`)}
                      disabled={!manageable || !grantable.has(role)}
                      size="sm"
                    />
                  ))}
                </SimpleGrid>
              </Checkbox.Group>
              {saveRoles.error && <ProblemAlert error={saveRoles.error} />}
              {manageable && (
                <Group justify="flex-end" mt="md" gap="xs">
                  <Button
                    variant="default"
                    size="sm"
                    disabled={!rolesChanged}
                    onClick={() => setRoles(u.roles)}
                  >
                    {t('common.reset')}
                  </Button>
                  <Button
                    size="sm"
                    disabled={!rolesChanged || roles.length === 0}
                    loading={saveRoles.isPending}
                    onClick={() => saveRoles.mutate()}
                    data-testid="save-roles"
                  >
                    {t('users.saveRoles')}
                  </Button>
                </Group>
              )}
            </Card>
          </Grid.Col>
        </Grid>
      )}
      {u && (
        <>
          <ConfirmModal
            opened={statusOpen}
            onClose={statusModal.close}
            title={
              disabled
                ? t('users.enableTitle', { username: u.username })
                : t('users.disableTitle', { username: u.username })
            }
            confirmLabel={disabled ? t('users.enable') : t('users.disable')}
            color={disabled ? 'teal' : 'red'}
            onConfirm={async () => {
              store(
                await unwrap(
                  api.PATCH('/api/v1/users/{id}', {
                    params: { path: { id: u.id } },
                    body: { status: disabled ? 'active' : 'disabled' },
                  }),
                ),
              );
              notifications.show({
                color: 'teal',
                message: disabled
                  ? t('users.enabled', { username: u.username })
                  : t('users.disabled', { username: u.username }),
              });
            }}
          >
            {disabled ? t('users.enableBody') : t('users.disableBody')}
          </ConfirmModal>
          <SetPasswordModal user={u} opened={passwordOpen} onClose={passwordModal.close} />
          <EditDetailsModal
            key={u.updatedAt}
            user={u}
            opened={detailsOpen}
            onClose={detailsModal.close}
            onSaved={store}
          />
          <ConfirmModal
            opened={mfaOpen}
            onClose={mfaModal.close}
            title={t('users.resetMfaTitle', { username: u.username })}
            confirmLabel={t('users.resetMfa')}
            onConfirm={async () => {
              store(
                await unwrap(api.POST('/api/v1/users/{id}/mfa/reset', { params: { path: { id: u.id } } })),
              );
              notifications.show({ color: 'teal', message: t('users.mfaReset', { username: u.username }) });
            }}
          >
            {t('users.resetMfaBody')}
          </ConfirmModal>
        </>
      )}
    </>
  );
}
