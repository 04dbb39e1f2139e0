import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Code,
  CopyButton,
  Group,
  Modal,
  MultiSelect,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCheck, IconCopy, IconKey, IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type ApiKey, api, type Permission, unwrap } from '../../api/client';
import { useMe } from '../../auth/session';
import { StatusBadge } from '../../components/badges';
import { ConfirmModal } from '../../components/ConfirmModal';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/problem';
import { DataTable, StateRow } from '../../components/tables';
import { DateTime, formatNumber } from '../../i18n/format';

export function ApiKeysPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const keys = useQuery({ queryKey: ['api-keys'], queryFn: () => unwrap(api.GET('/api/v1/api-keys')) });
  const [createOpen, create] = useDisclosure(false);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const rows = keys.data?.items ?? [];
  const active = rows.filter((k) => k.status === 'active').length;

  return (
    <>
      <PageHeader
        title={t('apiKeys.title')}
        description={t('apiKeys.description')}
        actions={
          <Button
            leftSection={<IconPlus size={16} />}
            size="sm"
            onClick={create.open}
            data-testid="new-api-key"
          >
            {t('apiKeys.create')}
          </Button>
        }
      />
      <ProblemAlert error={keys.error} />
      <DataTable label={t('apiKeys.title')} minWidth={960}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('apiKeys.name')}</Table.Th>
            <Table.Th w={150}>{t('apiKeys.prefix')}</Table.Th>
            <Table.Th w={90}>{t('users.agency')}</Table.Th>
            <Table.Th w={120}>{t('apiKeys.permissions')}</Table.Th>
            <Table.Th w={160}>{t('common.created')}</Table.Th>
            <Table.Th w={160}>{t('apiKeys.expires')}</Table.Th>
            <Table.Th w={160}>{t('apiKeys.lastUsed')}</Table.Th>
            <Table.Th w={100}>{t('users.status')}</Table.Th>
            <Table.Th w={100}>
              <span className="visually-hidden">{t('common.actions')}</span>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          <StateRow columns={9} loading={keys.isPending} empty={keys.isSuccess && rows.length === 0}>
            {keys.isSuccess && rows.length === 0 && (
              <Stack align="center" gap={4}>
                <IconKey size={24} stroke={1.4} aria-hidden />
                <Text fz="sm">{t('apiKeys.empty')}</Text>
              </Stack>
            )}
          </StateRow>
          {rows.map((key) => (
            <Table.Tr key={key.id} data-testid={`api-key-${key.name}`}>
              <Table.Td fw={500}>{key.name}</Table.Td>
              <Table.Td>
                <Code fz="xs" dir="ltr">
                  {key.prefix}…
                </Code>
              </Table.Td>
              <Table.Td className="mono">{key.agency}</Table.Td>
              <Table.Td>
                <KeyPermissions apiKey={key} />
              </Table.Td>
              <Table.Td>
                <DateTime value={key.createdAt} />
              </Table.Td>
              <Table.Td>
                {key.expiresAt ? <DateTime value={key.expiresAt} /> : t('apiKeys.noExpiry')}
              </Table.Td>
              <Table.Td>
                <DateTime value={key.lastUsedAt} />
              </Table.Td>
              <Table.Td>
                <StatusBadge status={key.status} />
              </Table.Td>
              <Table.Td>
                {key.status === 'active' && (
                  <Button
                    size="compact-xs"
                    variant="light"
                    color="red"
                    onClick={() => setRevoking(key)}
                    aria-label={t('apiKeys.revokeNamed', { name: key.name })}
                  >
                    {t('apiKeys.revoke')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </DataTable>
      <Text fz="xs" c="dimmed" mt="xs">
        {t('apiKeys.activeCount', { count: active, formatted: formatNumber(active) })}
      </Text>
      <CreateKeyModal opened={createOpen} onClose={create.close} />
      <ConfirmModal
        opened={revoking !== null}
        onClose={() => setRevoking(null)}
        title={t('apiKeys.revokeTitle', { name: revoking?.name ?? '' })}
        confirmLabel={t('apiKeys.revoke')}
        onConfirm={async () => {
          const key = revoking!;
          await unwrap(api.DELETE('/api/v1/api-keys/{id}', { params: { path: { id: key.id } } }));
          await queryClient.invalidateQueries({ queryKey: ['api-keys'] });
          notifications.show({ color: 'teal', message: t('apiKeys.revoked', { name: key.name }) });
        }}
      >
        {t('apiKeys.revokeBody')}
      </ConfirmModal>
    </>
  );
}

/** Creates a key; the secret is shown once, with a copy button, and never again. */
function CreateKeyModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [permissions, setPermissions] = useState<string[]>([]);
  // Least privilege by default: a key gets what is chosen for it, or — said in so many words —
  // everything its creator may do (an empty list used to mean that, silently).
  const [allMine, setAllMine] = useState(false);
  const [expires, setExpires] = useState('');
  const [secret, setSecret] = useState<string | null>(null);

  const mutation = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/api-keys', {
          body: {
            name: name.trim(),
            permissions: (allMine ? me.permissions : permissions) as Permission[],
            ...(expires ? { expiresAt: new Date(`${expires}T23:59:59`).toISOString() } : {}),
          },
        }),
      ),
    onSuccess: (created) => {
      setSecret(created.key);
      void queryClient.invalidateQueries({ queryKey: ['api-keys'] });
    },
  });
  const error = mutation.error instanceof ApiError ? mutation.error : null;

  const close = () => {
    setName('');
    setPermissions([]);
    setAllMine(false);
    setExpires('');
    setSecret(null);
    mutation.reset();
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim() || (!allMine && permissions.length === 0)) return;
    mutation.mutate();
  };

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={secret ? t('apiKeys.createdTitle') : t('apiKeys.create')}
      size="lg"
      // The secret is shown once: only "I have stored the key" closes the dialog then, not
      // Escape, a click beside it or a close button.
      closeOnClickOutside={!secret}
      closeOnEscape={!secret}
      withCloseButton={!secret}
    >
      {secret ? (
        <Stack gap="md">
          <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} role="alert">
            {t('apiKeys.shownOnce')}
          </Alert>
          <Group gap="xs" wrap="nowrap" align="stretch">
            <Code block className="secret-key" data-testid="new-api-key-secret" dir="ltr">
              {secret}
            </Code>
            <CopyButton value={secret}>
              {({ copied, copy }) => (
                <Button
                  variant={copied ? 'light' : 'filled'}
                  color={copied ? 'teal' : undefined}
                  onClick={copy}
                  leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                >
                  {copied ? t('common.copied') : t('common.copy')}
                </Button>
              )}
            </CopyButton>
          </Group>
          <Text fz="sm" c="dimmed">
            {t('apiKeys.usage')}
          </Text>
          <Code block dir="ltr" fz="xs">
            {`curl -H "Authorization: Bearer ${secret.slice(0, 12)}…" ${window.location.origin}/api/v1/me`}
          </Code>
          <Group justify="flex-end">
            <Button onClick={close} data-testid="api-key-done">
              {t('apiKeys.stored')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <TextInput
              label={t('apiKeys.name')}
              description={t('apiKeys.nameHelp')}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              required
              maxLength={100}
              error={error?.fieldError('name')}
              data-testid="api-key-name"
            />
            <MultiSelect
              label={t('apiKeys.permissions')}
              description={t('apiKeys.permissionsHelp')}
              placeholder={allMine ? t('apiKeys.allMine') : t('apiKeys.choosePermissions')}
              data={me.permissions}
              value={allMine ? [] : permissions}
              onChange={setPermissions}
              disabled={allMine}
              clearable
              error={error?.fieldError('permissions')}
              data-testid="api-key-permissions"
            />
            <Checkbox
              label={t('apiKeys.allMine')}
              checked={allMine}
              onChange={(e) => setAllMine(e.currentTarget.checked)}
              data-testid="api-key-all-mine"
            />
            <TextInput
              type="date"
              label={t('apiKeys.expires')}
              description={t('apiKeys.expiresHelp')}
              value={expires}
              onChange={(e) => setExpires(e.currentTarget.value)}
              min={new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)}
              w={220}
              error={error?.fieldError('expiresAt')}
            />
            {mutation.error && !error?.errors.length && <ProblemAlert error={mutation.error} />}
            <Group justify="flex-end" gap="xs" mt="xs">
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button
                type="submit"
                loading={mutation.isPending}
                disabled={!name.trim() || (!allMine && permissions.length === 0)}
                data-testid="api-key-create-submit"
              >
                {t('apiKeys.createSubmit')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

/**
 * What a key may do now. A key never outgrows the person who made it: when that person loses
 * a permission (or is disabled), so does the key, and the list says so rather than showing
 * what the key was once given.
 */
function KeyPermissions({ apiKey }: { apiKey: ApiKey }) {
  const { t } = useTranslation();
  const effective = apiKey.effectivePermissions;
  const lost = apiKey.permissions.filter((p) => !effective.includes(p));
  return (
    <Stack gap={2} align="flex-start">
      <Tooltip label={effective.join(', ') || '—'} multiline maw={320} withArrow>
        <Text fz="sm" td="underline dotted" tabIndex={0} className="tooltip-trigger">
          {t('apiKeys.permissionCount', {
            count: effective.length,
            formatted: formatNumber(effective.length),
          })}
        </Text>
      </Tooltip>
      {lost.length > 0 && (
        <Tooltip
          label={t('apiKeys.narrowedHelp', { permissions: lost.join(', ') })}
          multiline
          maw={320}
          withArrow
        >
          <Badge size="xs" color="orange" variant="light" tabIndex={0} data-testid="api-key-narrowed">
            {t('apiKeys.narrowed', { count: lost.length, formatted: formatNumber(lost.length) })}
          </Badge>
        </Tooltip>
      )}
    </Stack>
  );
}
