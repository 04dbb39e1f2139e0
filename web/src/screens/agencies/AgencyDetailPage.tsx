import { Anchor, Breadcrumbs, Button, Card, Grid, Stack, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPlayerPause, IconPlayerPlay, IconPlus, IconUsers } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useMe } from '../../auth/session';
import { StatusBadge } from '../../components/badges';
import { ConfirmModal } from '../../components/ConfirmModal';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/problem';
import { DataTable, StateRow } from '../../components/tables';
import { countryName, DateTime } from '../../i18n/format';
import { canCreateUnit } from './AgenciesPage';
import { CreateUnitModal } from './CreateUnitModal';
import { useAgencies, useAgency } from './queries';

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Table.Tr>
      <Table.Th w={160} fw={500} c="dimmed" scope="row">
        {label}
      </Table.Th>
      <Table.Td>{children}</Table.Td>
    </Table.Tr>
  );
}

export function AgencyDetailPage() {
  const { t } = useTranslation();
  const { code } = useParams();
  const me = useMe();
  const queryClient = useQueryClient();
  const agency = useAgency(code);
  const hasUnits = agency.data?.kind === 'bureau' || agency.data?.kind === 'secretariat';
  const units = useAgencies({ parent: code }, 200, hasUnits);
  const [createOpen, create] = useDisclosure(false);
  const [suspendOpen, suspend] = useDisclosure(false);

  const crumbs = (
    <Breadcrumbs separator="›" fz="sm">
      <Anchor component={Link} to="/agencies" fz="sm">
        {t('agencies.title')}
      </Anchor>
      <Text fz="sm">{code}</Text>
    </Breadcrumbs>
  );

  if (agency.error) {
    return (
      <>
        <PageHeader title={code} above={crumbs} />
        <ProblemAlert error={agency.error} />
      </>
    );
  }
  const a = agency.data;
  const suspended = a?.status === 'suspended';
  const canSuspend = me.can('agencies:manage') && me.isNetworkAdmin && a && a.kind !== 'secretariat';
  const unitRows = units.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <PageHeader
        above={crumbs}
        title={a ? a.name : code}
        description={a ? `${a.code} · ${t(`kinds.${a.kind}`)}` : undefined}
        actions={
          a && (
            <>
              {me.can('users:read') && (
                <Button
                  variant="default"
                  size="sm"
                  leftSection={<IconUsers size={16} />}
                  component={Link}
                  to={`/users?agency=${a.code}`}
                >
                  {t('agencies.viewUsers')}
                </Button>
              )}
              {hasUnits && canCreateUnit(me, a) && (
                <Button size="sm" leftSection={<IconPlus size={16} />} onClick={create.open}>
                  {t('agencies.createUnit')}
                </Button>
              )}
              {canSuspend && (
                <Button
                  size="sm"
                  color={suspended ? 'teal' : 'orange'}
                  variant="light"
                  leftSection={suspended ? <IconPlayerPlay size={16} /> : <IconPlayerPause size={16} />}
                  onClick={suspend.open}
                  data-testid="suspend-agency"
                >
                  {suspended ? t('agencies.reactivate') : t('agencies.suspend')}
                </Button>
              )}
            </>
          )
        }
      />
      <Grid gutter="md">
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Card withBorder radius="md" padding="sm">
            <Text fw={600} fz="sm" mb="xs" component="h2">
              {t('agencies.details')}
            </Text>
            {a && (
              <Table fz="sm" verticalSpacing={6} className="detail-table">
                <Table.Tbody>
                  <Row label={t('agencies.code')}>
                    <span className="mono">{a.code}</span>
                  </Row>
                  <Row label={t('agencies.name')}>{a.name}</Row>
                  <Row label={t('agencies.kind')}>{t(`kinds.${a.kind}`)}</Row>
                  <Row label={t('agencies.country')}>
                    {a.country ? `${countryName(a.country)} (${a.country})` : '—'}
                  </Row>
                  <Row label={t('agencies.parent')}>
                    {a.parentCode ? (
                      <Anchor component={Link} to={`/agencies/${a.parentCode}`} fz="sm">
                        {a.parentCode}
                      </Anchor>
                    ) : (
                      '—'
                    )}
                  </Row>
                  <Row label={t('agencies.status')}>
                    <StatusBadge status={a.status} />
                  </Row>
                  <Row label={t('common.created')}>
                    <DateTime value={a.createdAt} />
                  </Row>
                  <Row label={t('common.updated')}>
                    <DateTime value={a.updatedAt} />
                  </Row>
                </Table.Tbody>
              </Table>
            )}
          </Card>
        </Grid.Col>
        {hasUnits && (
          <Grid.Col span={{ base: 12, lg: 7 }}>
            <Stack gap={6}>
              <Text fw={600} fz="sm" component="h2">
                {t('agencies.units')}
              </Text>
              <DataTable label={t('agencies.units')} minWidth={480}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={160}>{t('agencies.code')}</Table.Th>
                    <Table.Th>{t('agencies.name')}</Table.Th>
                    <Table.Th w={110}>{t('agencies.status')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  <StateRow
                    columns={3}
                    loading={units.isPending}
                    empty={units.isSuccess && unitRows.length === 0}
                  />
                  {unitRows.map((u) => (
                    <Table.Tr key={u.code}>
                      <Table.Td>
                        <Anchor component={Link} to={`/agencies/${u.code}`} fz="sm" className="mono">
                          {u.code}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{u.name}</Table.Td>
                      <Table.Td>
                        <StatusBadge status={u.status} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </DataTable>
            </Stack>
          </Grid.Col>
        )}
      </Grid>
      {a && (
        <>
          <CreateUnitModal opened={createOpen} onClose={create.close} parent={a} />
          <ConfirmModal
            opened={suspendOpen}
            onClose={suspend.close}
            title={
              suspended
                ? t('agencies.reactivateTitle', { code: a.code })
                : t('agencies.suspendTitle', { code: a.code })
            }
            confirmLabel={suspended ? t('agencies.reactivate') : t('agencies.suspend')}
            color={suspended ? 'teal' : 'orange'}
            onConfirm={async () => {
              const updated = await unwrap(
                api.PATCH('/api/v1/agencies/{code}', {
                  params: { path: { code: a.code } },
                  body: { status: suspended ? 'active' : 'suspended' },
                }),
              );
              queryClient.setQueryData(['agency', a.code], updated);
              void queryClient.invalidateQueries({ queryKey: ['agencies'] });
              notifications.show({
                color: 'teal',
                message: suspended
                  ? t('agencies.reactivated', { code: a.code })
                  : t('agencies.suspended', { code: a.code }),
              });
            }}
          >
            {suspended ? t('agencies.reactivateBody') : t('agencies.suspendBody')}
          </ConfirmModal>
        </>
      )}
    </>
  );
}
