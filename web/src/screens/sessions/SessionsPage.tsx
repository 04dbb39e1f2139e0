import { Badge, Button, Code, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Session, unwrap } from '../../api/client';
import { useSession } from '../../auth/session';
import { ConfirmModal } from '../../components/ConfirmModal';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/problem';
import { DataTable, StateRow } from '../../components/tables';
import { DateTime } from '../../i18n/format';
import { ChangePasswordModal } from './ChangePasswordModal';

/** "Chrome on Linux" from a user agent string: enough to recognise one's own devices. */
export function describeAgent(ua: string | null): string {
  if (!ua) return '—';
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /Firefox\//.test(ua)
      ? 'Firefox'
      : /Chrom(e|ium)\//.test(ua)
        ? 'Chrome'
        : /Safari\//.test(ua)
          ? 'Safari'
          : /curl|node|python|undici/i.test(ua)
            ? 'Script'
            : 'Browser';
  const os = /Windows/.test(ua)
    ? 'Windows'
    : /Android/.test(ua)
      ? 'Android'
      : /iPhone|iPad/.test(ua)
        ? 'iOS'
        : /Mac OS X/.test(ua)
          ? 'macOS'
          : /Linux/.test(ua)
            ? 'Linux'
            : '';
  return os ? `${browser} · ${os}` : browser;
}

export function SessionsPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { signOut } = useSession();
  const sessions = useQuery({ queryKey: ['sessions'], queryFn: () => unwrap(api.GET('/api/v1/sessions')) });
  const [revoking, setRevoking] = useState<Session | null>(null);
  const rows = sessions.data?.items ?? [];
  const [passwordOpen, passwordModal] = useDisclosure(false);

  return (
    <>
      <PageHeader
        title={t('sessions.title')}
        description={t('sessions.description')}
        actions={
          <Button variant="default" size="sm" onClick={passwordModal.open}>
            {t('password.title')}
          </Button>
        }
      />
      <ChangePasswordModal opened={passwordOpen} onClose={passwordModal.close} />
      <ProblemAlert error={sessions.error} />
      <DataTable label={t('sessions.title')} minWidth={860}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={200}>{t('sessions.device')}</Table.Th>
            <Table.Th w={140}>{t('sessions.ip')}</Table.Th>
            <Table.Th w={170}>{t('sessions.started')}</Table.Th>
            <Table.Th w={170}>{t('sessions.lastSeen')}</Table.Th>
            <Table.Th w={170}>{t('sessions.expires')}</Table.Th>
            <Table.Th>
              <span className="visually-hidden">{t('common.actions')}</span>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          <StateRow
            columns={6}
            loading={sessions.isPending}
            empty={sessions.isSuccess && rows.length === 0}
          />
          {rows.map((s) => (
            <Table.Tr key={s.id}>
              <Table.Td>
                <Text fz="sm" title={s.userAgent ?? undefined}>
                  {describeAgent(s.userAgent)}{' '}
                  {s.current && (
                    <Badge size="xs" color="navy" variant="filled" radius="sm" ms={4}>
                      {t('sessions.current')}
                    </Badge>
                  )}
                </Text>
              </Table.Td>
              <Table.Td>
                <Code fz="xs" dir="ltr">
                  {s.ip ?? '—'}
                </Code>
              </Table.Td>
              <Table.Td>
                <DateTime value={s.createdAt} />
              </Table.Td>
              <Table.Td>
                <DateTime value={s.lastSeenAt} relative />
              </Table.Td>
              <Table.Td>
                <DateTime value={s.expiresAt} />
              </Table.Td>
              <Table.Td ta="end">
                <Button size="compact-xs" variant="light" color="red" onClick={() => setRevoking(s)}>
                  {s.current ? t('shell.signOut') : t('sessions.revoke')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </DataTable>
      <ConfirmModal
        opened={revoking !== null}
        onClose={() => setRevoking(null)}
        title={revoking?.current ? t('sessions.revokeCurrentTitle') : t('sessions.revokeTitle')}
        confirmLabel={revoking?.current ? t('shell.signOut') : t('sessions.revoke')}
        onConfirm={async () => {
          const s = revoking!;
          if (s.current) {
            await signOut();
            return;
          }
          await unwrap(api.DELETE('/api/v1/sessions/{id}', { params: { path: { id: s.id } } }));
          await queryClient.invalidateQueries({ queryKey: ['sessions'] });
          notifications.show({ color: 'teal', message: t('sessions.revoked') });
        }}
      >
        {revoking?.current ? t('sessions.revokeCurrentBody') : t('sessions.revokeBody')}
      </ConfirmModal>
    </>
  );
}
