import {
  Alert,
  Badge,
  Button,
  Card,
  Code,
  CopyButton,
  Group,
  Modal,
  Select,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconKey, IconPlus, IconRefresh, IconWebhook } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { useMe } from '../../auth/session';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/problem';
import { DataTable, StateRow } from '../../components/tables';
import { useUrlFilters } from '../../components/urlFilters';
import { DateTime } from '../../i18n/format';
import { type AgencyKey, useAgencyKeys, useDeadLetters, useKeyDirectory, useWebhooks } from './queries';

const KEY_STATUS_COLOURS: Record<string, string> = { active: 'teal', retired: 'gray', revoked: 'red' };

function KeyRows({
  keys,
  manage,
  onRevoke,
}: {
  keys: AgencyKey[];
  manage: boolean;
  onRevoke?: (k: AgencyKey) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      {keys.map((k) => (
        <Table.Tr key={k.kid} data-testid="key-row" data-agency={k.agency} data-status={k.status}>
          <Table.Td className="mono">{k.agency}</Table.Td>
          <Table.Td>{t(`keys.use.${k.use}`)}</Table.Td>
          <Table.Td>
            <Badge size="sm" radius="sm" variant="light" color={k.custody === 'self' ? 'navy' : 'gray'}>
              {t(`keys.custody.${k.custody}`)}
            </Badge>
          </Table.Td>
          <Table.Td>
            <Badge size="sm" radius="sm" variant="light" color={KEY_STATUS_COLOURS[k.status] ?? 'gray'}>
              {t(`keys.status.${k.status}`)}
            </Badge>
          </Table.Td>
          <Table.Td className="mono" dir="ltr" title={k.kid}>
            {k.kid.slice(0, 16)}…
          </Table.Td>
          <Table.Td>
            <DateTime value={k.createdAt} dateOnly />
          </Table.Td>
          {manage && (
            <Table.Td>
              {k.status !== 'revoked' && onRevoke && (
                <Button size="compact-xs" color="red" variant="light" onClick={() => onRevoke(k)}>
                  {t('keys.revoke')}
                </Button>
              )}
            </Table.Td>
          )}
        </Table.Tr>
      ))}
    </>
  );
}

function KeyHeader({ manage }: { manage: boolean }) {
  const { t } = useTranslation();
  return (
    <Table.Thead>
      <Table.Tr>
        <Table.Th w={120}>{t('keys.agency')}</Table.Th>
        <Table.Th w={120}>{t('keys.useLabel')}</Table.Th>
        <Table.Th w={130}>{t('keys.custodyLabel')}</Table.Th>
        <Table.Th w={110}>{t('keys.statusLabel')}</Table.Th>
        <Table.Th>{t('keys.kid')}</Table.Th>
        <Table.Th w={130}>{t('keys.created')}</Table.Th>
        {manage && <Table.Th w={100}>{t('common.actions')}</Table.Th>}
      </Table.Tr>
    </Table.Thead>
  );
}

/** My agency's keys, custody and delivery settings (admins of the agency). */
function OwnAgency() {
  const { t } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const keys = useAgencyKeys(me.agency.code);
  const webhooks = useWebhooks(true);
  const dead = useDeadLetters(true);
  const [revoking, setRevoking] = useState<AgencyKey | null>(null);
  const [reason, setReason] = useState('');
  const [url, setUrl] = useState('');
  const [secret, setSecret] = useState<string | null>(null);
  const [hookOpen, hookModal] = useDisclosure(false);
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['agency-keys'] });
    void queryClient.invalidateQueries({ queryKey: ['keys'] });
    void queryClient.invalidateQueries({ queryKey: ['webhooks'] });
    void queryClient.invalidateQueries({ queryKey: ['webhook-deliveries'] });
  };
  const rotate = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/keys', { body: { custody: 'server' } })),
    onSuccess: refresh,
  });
  const revoke = useMutation({
    mutationFn: (k: AgencyKey) =>
      unwrap(api.POST('/api/v1/keys/{kid}/revoke', { params: { path: { kid: k.kid } }, body: { reason } })),
    onSuccess: () => {
      setRevoking(null);
      setReason('');
      refresh();
    },
  });
  const addHook = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/webhooks', { body: { url } })),
    onSuccess: (created) => {
      setSecret(created.secret);
      setUrl('');
      refresh();
    },
  });
  const disableHook = useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/v1/webhooks/{id}', { params: { path: { id } } })),
    onSuccess: refresh,
  });
  const retry = useMutation({
    mutationFn: (id: string) =>
      unwrap(api.POST('/api/v1/webhook-deliveries/{id}/retry', { params: { path: { id } } })),
    onSuccess: refresh,
  });
  const custody = keys.data?.custody ?? null;
  return (
    <Stack gap="md">
      <Card withBorder radius="md" p="md">
        <Group justify="space-between" mb="xs">
          <div>
            <Text fw={600}>{t('keys.ownTitle', { agency: me.agency.code })}</Text>
            <Text fz="sm" c="dimmed">
              {custody ? t(`keys.custodyHelp.${custody}`) : t('keys.custodyHelp.none')}
            </Text>
          </div>
          {custody !== 'self' && (
            <Button
              variant="default"
              leftSection={<IconRefresh size={16} />}
              onClick={() => rotate.mutate()}
              loading={rotate.isPending}
              data-testid="rotate-keys"
            >
              {custody ? t('keys.rotate') : t('keys.create')}
            </Button>
          )}
        </Group>
        {custody === 'self' && (
          <Alert color="navy" variant="light" mb="sm">
            {t('keys.selfHeldHelp')}
          </Alert>
        )}
        <ProblemAlert error={keys.error ?? rotate.error} />
        <DataTable label={t('keys.ownTitle', { agency: me.agency.code })} minWidth={760}>
          <KeyHeader manage />
          <Table.Tbody>
            <StateRow
              columns={7}
              loading={keys.isPending}
              empty={keys.isSuccess && keys.data.keys.length === 0}
            />
            <KeyRows keys={keys.data?.keys ?? []} manage onRevoke={setRevoking} />
          </Table.Tbody>
        </DataTable>
      </Card>

      <Card withBorder radius="md" p="md">
        <Group justify="space-between" mb="xs">
          <div>
            <Text fw={600}>{t('keys.webhooks')}</Text>
            <Text fz="sm" c="dimmed">
              {t('keys.webhooksHelp')}
            </Text>
          </div>
          <Button
            variant="default"
            leftSection={<IconPlus size={16} />}
            onClick={hookModal.open}
            data-testid="add-webhook"
          >
            {t('keys.addWebhook')}
          </Button>
        </Group>
        <ProblemAlert error={webhooks.error ?? disableHook.error} />
        <DataTable label={t('keys.webhooks')} minWidth={640}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('keys.url')}</Table.Th>
              <Table.Th w={110}>{t('keys.statusLabel')}</Table.Th>
              <Table.Th w={150}>{t('keys.created')}</Table.Th>
              <Table.Th w={110}>{t('common.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <StateRow
              columns={4}
              loading={webhooks.isPending}
              empty={webhooks.isSuccess && webhooks.data.items.length === 0}
            >
              {webhooks.isSuccess && webhooks.data.items.length === 0 ? (
                <Text fz="sm" c="dimmed" data-testid="empty-state">
                  {t('keys.noWebhooks')}
                </Text>
              ) : undefined}
            </StateRow>
            {(webhooks.data?.items ?? []).map((w) => (
              <Table.Tr key={w.id}>
                <Table.Td className="mono" dir="ltr">
                  {w.url}
                </Table.Td>
                <Table.Td>{t(`keys.webhookStatus.${w.status}`)}</Table.Td>
                <Table.Td>
                  <DateTime value={w.createdAt} />
                </Table.Td>
                <Table.Td>
                  {w.status === 'active' && (
                    <Button
                      size="compact-xs"
                      variant="light"
                      color="red"
                      onClick={() => disableHook.mutate(w.id)}
                    >
                      {t('keys.disable')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </DataTable>
        <Text fw={600} fz="sm" mt="md" mb={4}>
          {t('keys.deadLetters')}
        </Text>
        <ProblemAlert error={dead.error ?? retry.error} />
        <DataTable label={t('keys.deadLetters')} minWidth={640}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={160}>{t('keys.event')}</Table.Th>
              <Table.Th w={90}>{t('keys.attempts')}</Table.Th>
              <Table.Th>{t('keys.lastError')}</Table.Th>
              <Table.Th w={150}>{t('keys.created')}</Table.Th>
              <Table.Th w={100}>{t('common.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <StateRow
              columns={5}
              loading={dead.isPending}
              empty={dead.isSuccess && dead.data.items.length === 0}
            >
              {dead.isSuccess && dead.data.items.length === 0 ? (
                <Text fz="sm" c="dimmed">
                  {t('keys.noDeadLetters')}
                </Text>
              ) : undefined}
            </StateRow>
            {(dead.data?.items ?? []).map((d) => (
              <Table.Tr key={d.id} data-testid="dead-letter">
                <Table.Td className="mono">{d.eventType}</Table.Td>
                <Table.Td>{d.attempts}</Table.Td>
                <Table.Td className="wrap">{d.lastError}</Table.Td>
                <Table.Td>
                  <DateTime value={d.createdAt} />
                </Table.Td>
                <Table.Td>
                  <Button size="compact-xs" variant="light" onClick={() => retry.mutate(d.id)}>
                    {t('keys.retry')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </DataTable>
      </Card>

      <Modal opened={revoking !== null} onClose={() => setRevoking(null)} title={t('keys.revokeTitle')}>
        <Stack gap="sm">
          <Text fz="sm">{t('keys.revokeHelp')}</Text>
          <TextInput
            label={t('keys.reason')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            required
          />
          <ProblemAlert error={revoke.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRevoking(null)}>
              {t('common.cancel')}
            </Button>
            <Button
              color="red"
              disabled={reason.trim().length < 3}
              loading={revoke.isPending}
              onClick={() => revoking && revoke.mutate(revoking)}
            >
              {t('keys.revoke')}
            </Button>
          </Group>
        </Stack>
      </Modal>
      <Modal
        opened={hookOpen}
        onClose={() => {
          hookModal.close();
          setSecret(null);
        }}
        title={t('keys.addWebhook')}
        // The signing secret is shown once: only "I have stored the secret" closes the dialog.
        closeOnClickOutside={!secret}
        closeOnEscape={!secret}
        withCloseButton={!secret}
      >
        {secret ? (
          <Stack gap="sm">
            <Alert color="orange">{t('keys.secretOnce')}</Alert>
            <Code block data-testid="webhook-secret" dir="ltr">
              {secret}
            </Code>
            <Group justify="space-between">
              <CopyButton value={secret}>
                {({ copied, copy }) => (
                  <Button onClick={copy} variant="default">
                    {copied ? t('common.copied') : t('common.copy')}
                  </Button>
                )}
              </CopyButton>
              <Button
                onClick={() => {
                  hookModal.close();
                  setSecret(null);
                }}
                data-testid="webhook-secret-done"
              >
                {t('keys.secretStored')}
              </Button>
            </Group>
          </Stack>
        ) : (
          <Stack gap="sm">
            <TextInput
              label={t('keys.url')}
              description={t('keys.urlHelp')}
              value={url}
              onChange={(e) => setUrl(e.currentTarget.value)}
              leftSection={<IconWebhook size={16} />}
              dir="ltr"
            />
            <ProblemAlert error={addHook.error} />
            <Group justify="flex-end">
              <Button onClick={() => addHook.mutate()} loading={addHook.isPending} disabled={!url}>
                {t('common.create')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}

/** The key directory (every agency's public keys, custody, state) and my agency's settings. */
export function KeysPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { params, update } = useUrlFilters();
  const agency = params.get('agency') ?? undefined;
  const tab = params.get('tab') ?? (me.can('messaging:manage') ? 'own' : 'directory');
  const directory = useKeyDirectory(agency);
  const status = params.get('status');
  const rows = (directory.data ?? []).filter((k) => !status || k.status === status);
  return (
    <>
      <PageHeader title={t('keys.title')} description={t('keys.description')} />
      <Tabs value={tab} onChange={(v) => update('tab', v)} mb="sm" keepMounted={false}>
        <Tabs.List>
          {me.can('messaging:manage') && (
            <Tabs.Tab value="own" leftSection={<IconKey size={14} />}>
              {t('keys.ownTab')}
            </Tabs.Tab>
          )}
          <Tabs.Tab value="directory">{t('keys.directoryTab')}</Tabs.Tab>
        </Tabs.List>
        {me.can('messaging:manage') && (
          <Tabs.Panel value="own">
            <OwnAgency />
          </Tabs.Panel>
        )}
        <Tabs.Panel value="directory">
          <Group mb="sm" gap="md">
            <TextInput
              label={t('keys.agency')}
              value={agency ?? ''}
              onChange={(e) => update('agency', e.currentTarget.value.toUpperCase() || null)}
              w={180}
              className="mono-input"
            />
            <Select
              label={t('keys.statusLabel')}
              data={['active', 'retired', 'revoked'].map((s) => ({
                value: s,
                label: t(`keys.status.${s}`),
              }))}
              value={status}
              onChange={(v) => update('status', v)}
              clearable
              w={160}
            />
          </Group>
          <ProblemAlert error={directory.error} />
          <DataTable label={t('keys.directoryTab')} minWidth={760}>
            <KeyHeader manage={false} />
            <Table.Tbody>
              <StateRow
                columns={6}
                loading={directory.isPending}
                empty={directory.isSuccess && rows.length === 0}
              />
              <KeyRows keys={rows} manage={false} />
            </Table.Tbody>
          </DataTable>
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
