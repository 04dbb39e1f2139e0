import {
  Alert,
  Anchor,
  Badge,
  Breadcrumbs,
  Button,
  Card,
  Grid,
  Group,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconAlertTriangle,
  IconBell,
  IconBellOff,
  IconCalendarPlus,
  IconPencil,
  IconTrash,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { useMe } from '../../auth/session';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/problem';
import { DataTable, StateRow } from '../../components/tables';
import { DateTime } from '../../i18n/format';
import { localiseServerMessage } from '../../i18n/server-messages';
import { AgencyLink } from '../search/ResultCards';
import { KindBadge, PartnerBadge, RecordDataTable, RecordStatusBadge, TlpBadge } from './display';
import { type RecordItem, useRecord, useRecordHistory } from './queries';
import { DeleteModal, ExtendModal, reviewState, useToggleMute } from './RecordActions';
import { RecordPhotoGallery } from './RecordPhotos';
import { RecordSummary } from './RecordSummary';

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

export function ReviewBadge({ reviewAt }: { reviewAt: string }) {
  const { t } = useTranslation();
  const state = reviewState(reviewAt);
  if (state === 'ok') return null;
  return (
    <Badge size="sm" radius="sm" variant="light" color={state === 'overdue' ? 'red' : 'orange'} ms={6}>
      {t(`record.review.${state}`)}
    </Badge>
  );
}

/** Whether I am on the owner's side: the API shows notificationsMuted to the owner's side only. */
export function isOwnerView(record: RecordItem): boolean {
  return record.notificationsMuted !== undefined;
}

export function RecordDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const me = useMe();
  const location = useLocation();
  const query = useRecord(id);
  const record = query.data;
  const owner = record ? isOwnerView(record) : false;
  const history = useRecordHistory(id, owner);
  const [extendOpen, extendModal] = useDisclosure(false);
  const [deleteOpen, deleteModal] = useDisclosure(false);
  const mute = useToggleMute(record);
  const warnings = (location.state as { warnings?: { field: string; message: string }[] } | null)?.warnings;

  const crumbs = (
    <Breadcrumbs separator="›" fz="sm">
      <Anchor component={Link} to={me.can('records:read') ? '/records' : '/search'} fz="sm">
        {t('records.title')}
      </Anchor>
      <Text fz="sm" truncate="end" maw={400}>
        {record ? <RecordSummary record={record} /> : '…'}
      </Text>
    </Breadcrumbs>
  );
  if (query.error) {
    return (
      <>
        <PageHeader title={t('record.title')} above={crumbs} />
        <ProblemAlert error={query.error} />
      </>
    );
  }
  const canChange = Boolean(record) && owner && me.can('records:write') && record!.status !== 'deleted';
  const p = record?.policy;

  return (
    <>
      <PageHeader
        above={crumbs}
        title={
          record ? (
            <span className="bidi-block">
              <RecordSummary record={record} />
            </span>
          ) : (
            '…'
          )
        }
        description={
          record && (
            <Group gap={6} component="span">
              <KindBadge kind={record.kind} />
              <RecordStatusBadge status={record.status} />
              <Text span fz="sm" c="dimmed">
                {t('record.ownedBy')} <AgencyLink code={record.owner} />
              </Text>
              {record.fromPartner && <PartnerBadge />}
              {record.notificationsMuted && (
                <Badge
                  size="sm"
                  radius="sm"
                  variant="light"
                  color="gray"
                  leftSection={<IconBellOff size={12} />}
                >
                  {t('record.muted')}
                </Badge>
              )}
            </Group>
          )
        }
        actions={
          canChange && (
            <>
              <Button
                component={Link}
                to={`/records/${record!.id}/edit`}
                variant="default"
                leftSection={<IconPencil size={16} />}
                data-testid="edit-record"
              >
                {t('record.edit')}
              </Button>
              <Button
                variant="default"
                leftSection={<IconCalendarPlus size={16} />}
                onClick={extendModal.open}
                data-testid="extend-record"
              >
                {t('record.extendReview')}
              </Button>
              <Button
                variant="default"
                leftSection={record!.notificationsMuted ? <IconBell size={16} /> : <IconBellOff size={16} />}
                onClick={() => mute.mutate()}
                loading={mute.isPending}
                data-testid="mute-record"
              >
                {record!.notificationsMuted ? t('record.unmute') : t('record.mute')}
              </Button>
              <Button
                variant="light"
                color="red"
                leftSection={<IconTrash size={16} />}
                onClick={deleteModal.open}
                data-testid="delete-record"
              >
                {t('record.delete')}
              </Button>
            </>
          )
        }
      />
      <ProblemAlert error={mute.error} />
      {warnings && warnings.length > 0 && (
        <Alert
          color="orange"
          variant="light"
          icon={<IconAlertTriangle size={18} />}
          title={t('record.warnings')}
          mb="sm"
          data-testid="record-warnings"
        >
          {warnings.map((w) => (
            <Text key={w.field + w.message} fz="sm">
              {w.field.startsWith('/body/policy')
                ? t('record.policy')
                : t(`fields.${w.field.split('/').pop()}`, { defaultValue: w.field })}
              : {localiseServerMessage(w.message)}
            </Text>
          ))}
        </Alert>
      )}
      {record && p && (
        <Grid gutter="md">
          <Grid.Col span={{ base: 12, lg: 7 }}>
            <Stack gap="md">
              <Card withBorder radius="md" padding="sm">
                <Text fw={600} fz="sm" mb="xs" component="h2">
                  {t('record.data')}
                </Text>
                <RecordDataTable kind={record.kind} data={record.data} />
              </Card>
              <RecordPhotoGallery record={record} />
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 5 }}>
            <Stack gap="md">
              <Card withBorder radius="md" padding="sm">
                <Text fw={600} fz="sm" mb="xs" component="h2">
                  {t('record.policy')}
                </Text>
                <Table fz="sm" verticalSpacing={5} className="detail-table" data-testid="record-policy">
                  <Table.Tbody>
                    <Row label={t('policy.visibilityLabel')}>
                      {t(`policy.visibility.${p.visibility}`)}
                      <Text fz="xs" c="dimmed">
                        {t(`policy.visibilityHelp.${p.visibility}`)}
                      </Text>
                    </Row>
                    {(p.agencies?.length ?? 0) > 0 && (
                      <Row label={t('policy.agencies')}>
                        <Group gap={6}>
                          {p.agencies!.map((a) => (
                            <AgencyLink key={a} code={a} />
                          ))}
                        </Group>
                      </Row>
                    )}
                    {(p.countries?.length ?? 0) > 0 && (
                      <Row label={t('policy.countries')}>
                        <span className="mono" dir="ltr">
                          {p.countries!.join(', ')}
                        </span>
                      </Row>
                    )}
                    <Row label={t('policy.hitOnly')}>{p.hitOnly ? t('common.yes') : t('common.no')}</Row>
                    <Row label={t('policy.handling')}>
                      {p.handling ? (
                        <>
                          <strong>{p.handling}</strong> — {t(`policy.handlingHelp.${p.handling}`)}
                          {p.handlingNote && (
                            <Text fz="xs" c="dimmed">
                              {p.handlingNote}
                            </Text>
                          )}
                        </>
                      ) : (
                        '—'
                      )}
                    </Row>
                    <Row label={t('policy.evaluation')}>
                      {p.evaluation
                        ? `${p.evaluation} — ${t(`policy.reliability.${p.evaluation[0]}`)}, ${t(
                            `policy.accuracy.${p.evaluation[1]}`,
                          )}`
                        : '—'}
                    </Row>
                    <Row label={t('policy.tlp')}>{p.tlp ? <TlpBadge tlp={p.tlp} /> : '—'}</Row>
                    {p.purpose && <Row label={t('policy.purpose')}>{p.purpose}</Row>}
                  </Table.Tbody>
                </Table>
              </Card>
              <Card withBorder radius="md" padding="sm">
                <Text fw={600} fz="sm" mb="xs" component="h2">
                  {t('record.lifecycle')}
                </Text>
                <Table fz="sm" verticalSpacing={5} className="detail-table">
                  <Table.Tbody>
                    <Row label={t('record.status')}>
                      <RecordStatusBadge status={record.status} />
                    </Row>
                    <Row label={t('record.reviewAt')}>
                      <span data-testid="review-at">
                        <DateTime value={record.reviewAt} dateOnly />
                      </span>
                      <ReviewBadge reviewAt={record.reviewAt} />
                    </Row>
                    <Row label={t('record.version')}>{record.version}</Row>
                    {record.externalRef && (
                      <Row label={t('record.ourRef')}>
                        <span className="mono" dir="ltr" data-testid="external-ref">
                          {record.externalRef}
                        </span>
                      </Row>
                    )}
                    <Row label={t('common.created')}>
                      <DateTime value={record.createdAt} />
                    </Row>
                    <Row label={t('common.updated')}>
                      <DateTime value={record.updatedAt} />
                    </Row>
                    {owner && (
                      <Row label={t('record.notifications')}>
                        {record.notificationsMuted ? t('record.muted') : t('record.notifying')}
                        {me.can('hit-notifications:read') && (
                          <Anchor
                            component={Link}
                            to={`/notifications?record=${record.id}`}
                            fz="sm"
                            ms="sm"
                            underline="always"
                            data-testid="record-hits"
                          >
                            {t('record.whoFound')}
                          </Anchor>
                        )}
                      </Row>
                    )}
                  </Table.Tbody>
                </Table>
              </Card>
            </Stack>
          </Grid.Col>
          {owner && (
            <Grid.Col span={12}>
              <Group justify="space-between" mb="xs">
                <Text fw={600} fz="sm" component="h2">
                  {t('record.history')}
                </Text>
                {me.can('audit:read') && (
                  <Anchor
                    component={Link}
                    to={`/audit?objectId=${record.id}`}
                    fz="sm"
                    data-testid="record-audit"
                  >
                    {t('record.auditTrail')}
                  </Anchor>
                )}
              </Group>
              <DataTable label={t('record.history')} minWidth={700}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={80}>{t('record.version')}</Table.Th>
                    <Table.Th w={130}>{t('record.action')}</Table.Th>
                    <Table.Th w={180}>{t('record.changedAt')}</Table.Th>
                    <Table.Th w={200}>{t('record.changedBy')}</Table.Th>
                    <Table.Th>{t('record.reason')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody data-testid="record-history">
                  <StateRow columns={5} loading={history.isPending} />
                  {history.error && (
                    <StateRow columns={5}>
                      <ProblemAlert error={history.error} />
                    </StateRow>
                  )}
                  {history.data?.items
                    .slice()
                    .reverse()
                    .map((v) => (
                      <Table.Tr key={v.version + v.action + v.changedAt} data-action={v.action}>
                        <Table.Td>{v.version}</Table.Td>
                        <Table.Td>
                          <Badge size="sm" radius="sm" variant="light" color="gray">
                            {t(`record.actions.${v.action}`, { defaultValue: v.action })}
                          </Badge>
                        </Table.Td>
                        <Table.Td>
                          <DateTime value={v.changedAt} />
                        </Table.Td>
                        <Table.Td>{v.changedBy}</Table.Td>
                        <Table.Td className="wrap">{v.reason ?? '—'}</Table.Td>
                      </Table.Tr>
                    ))}
                </Table.Tbody>
              </DataTable>
            </Grid.Col>
          )}
        </Grid>
      )}
      {record && canChange && (
        <>
          <ExtendModal record={record} opened={extendOpen} onClose={extendModal.close} />
          <DeleteModal record={record} opened={deleteOpen} onClose={deleteModal.close} />
        </>
      )}
    </>
  );
}
