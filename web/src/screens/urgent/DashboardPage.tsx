import { Anchor, Card, Grid, Group, Progress, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/problem';
import { StateRow } from '../../components/tables';
import { useUrlFilters } from '../../components/urlFilters';
import { countryName, formatNumber } from '../../i18n/format';
import { UrgentClock, UrgentStatusBadge } from './components';
import { useDashboard, useUrgentEvents } from './queries';

function value(v: number | null, unit: string): string {
  return v === null ? '—' : `${formatNumber(v)} ${unit}`;
}

/** Open requests by age, response times per country (median, 90th percentile), overdue items. */
export function DashboardPage() {
  const { t } = useTranslation();
  const { params, update } = useUrlFilters();
  useUrgentEvents();
  const days = Number(params.get('days') ?? 90);
  const query = useDashboard(days);
  const data = query.data;
  const most = Math.max(1, ...(data?.openByAge.map((b) => b.open) ?? [1]));
  return (
    <>
      <PageHeader
        title={t('urgent.dashboardTitle')}
        description={data?.scope === 'network' ? t('urgent.dashboardNetwork') : t('urgent.dashboardAgency')}
        actions={
          <SegmentedControl
            data={['30', '90', '365'].map((d) => ({
              value: d,
              label: t('urgent.lastDays', { count: Number(d) }),
            }))}
            value={String(days)}
            onChange={(v) => update('days', v === '90' ? null : v)}
          />
        }
      />
      <ProblemAlert error={query.error} />
      <Grid gutter="md">
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Card withBorder radius="md" p="md" data-testid="open-by-age">
            <Text fw={600} fz="sm" mb="sm">
              {t('urgent.openByAge')}
            </Text>
            <Stack gap="xs">
              {(data?.openByAge ?? []).map((b) => (
                <div key={b.bucket}>
                  <Group justify="space-between">
                    <Text fz="sm">{t(`urgent.buckets.${b.bucket}`, { defaultValue: b.bucket })}</Text>
                    <Text fz="sm" fw={600}>
                      {formatNumber(b.open)}
                      {b.overdue > 0 && (
                        <Text span c="var(--mantine-color-red-light-color)" fz="xs" ms={6}>
                          {t('urgent.overdueCount', { count: b.overdue })}
                        </Text>
                      )}
                    </Text>
                  </Group>
                  <Progress
                    value={(b.open / most) * 100}
                    color={b.overdue > 0 ? 'red' : 'navy'}
                    size="sm"
                    aria-hidden
                  />
                </div>
              ))}
            </Stack>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Card withBorder radius="md" p="md">
            <Text fw={600} fz="sm" mb="sm">
              {t('urgent.responseTimes')}
            </Text>
            <Table
              striped
              highlightOnHover
              withTableBorder
              fz="sm"
              verticalSpacing={6}
              aria-label={t('urgent.responseTimes')}
            >
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('urgent.country')}</Table.Th>
                  <Table.Th w={90}>{t('urgent.requests')}</Table.Th>
                  <Table.Th w={100}>{t('urgent.ackMedian')}</Table.Th>
                  <Table.Th w={100}>{t('urgent.ackP90')}</Table.Th>
                  <Table.Th w={100}>{t('urgent.completeMedian')}</Table.Th>
                  <Table.Th w={100}>{t('urgent.completeP90')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                <StateRow
                  columns={6}
                  loading={query.isPending}
                  empty={query.isSuccess && data!.responseTimes.length === 0}
                />
                {(data?.responseTimes ?? []).map((r) => (
                  <Table.Tr key={r.country} data-testid="response-row" data-country={r.country}>
                    <Table.Td>
                      <span className="mono">{r.country}</span> {countryName(r.country)}
                    </Table.Td>
                    <Table.Td>{formatNumber(r.requests)}</Table.Td>
                    <Table.Td>{value(r.ackMedianMinutes, 'min')}</Table.Td>
                    <Table.Td>{value(r.ackP90Minutes, 'min')}</Table.Td>
                    <Table.Td>{value(r.completeMedianHours, 'h')}</Table.Td>
                    <Table.Td>{value(r.completeP90Hours, 'h')}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Card>
        </Grid.Col>
        <Grid.Col span={12}>
          <Card withBorder radius="md" p="md">
            <Text fw={600} fz="sm" mb="sm">
              {t('urgent.overdueItems')}
            </Text>
            <Table
              striped
              highlightOnHover
              withTableBorder
              fz="sm"
              verticalSpacing={6}
              aria-label={t('urgent.overdueItems')}
            >
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={170}>{t('urgent.reference')}</Table.Th>
                  <Table.Th>{t('urgent.type')}</Table.Th>
                  <Table.Th w={170}>{t('urgent.parties')}</Table.Th>
                  <Table.Th w={130}>{t('urgent.statusLabel')}</Table.Th>
                  <Table.Th w={230}>{t('urgent.clock.title')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                <StateRow
                  columns={5}
                  loading={query.isPending}
                  empty={query.isSuccess && data!.overdue.length === 0}
                >
                  {query.isSuccess && data!.overdue.length === 0 ? (
                    <Text fz="sm" c="dimmed">
                      {t('urgent.nothingOverdue')}
                    </Text>
                  ) : undefined}
                </StateRow>
                {(data?.overdue ?? []).map((r) => (
                  <Table.Tr key={r.id} className="overdue-row">
                    <Table.Td>
                      {r.side ? (
                        <Anchor component={Link} to={`/urgent/${r.id}`} className="mono" fz="sm">
                          {r.reference}
                        </Anchor>
                      ) : (
                        <span className="mono">{r.reference}</span>
                      )}
                    </Table.Td>
                    <Table.Td>{t(`urgent.types.${r.type}`)}</Table.Td>
                    <Table.Td className="mono" dir="ltr">
                      {r.from} → {r.to}
                    </Table.Td>
                    <Table.Td>
                      <UrgentStatusBadge status={r.status} />
                    </Table.Td>
                    <Table.Td>
                      <UrgentClock request={r} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Card>
        </Grid.Col>
      </Grid>
    </>
  );
}
