import {
  Anchor,
  Breadcrumbs,
  Button,
  Card,
  Grid,
  Group,
  Modal,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Timeline,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCheck, IconPlayerPlay, IconRefresh, IconShieldCheck, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { useMe } from '../../auth/session';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/problem';
import { DataTable } from '../../components/tables';
import { DateTime } from '../../i18n/format';
import { useMessagingEvents, useThread } from '../messaging/queries';
import { MessageCard } from '../messaging/ThreadPage';
import { UrgentClock, UrgentStatusBadge } from './components';
import { type UrgentAction, useUrgentAction, useUrgentEvents, useUrgentRequest } from './queries';

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Table.Tr>
      <Table.Th w={190} fw={500} c="dimmed" scope="row">
        {label}
      </Table.Th>
      <Table.Td>{children}</Table.Td>
    </Table.Tr>
  );
}

/** One urgent request: its clocks and timeline, its thread, and the requested side's actions. */
export function UrgentDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const me = useMe();
  useUrgentEvents();
  useMessagingEvents();
  const query = useUrgentRequest(id);
  const request = query.data;
  const thread = useThread(request?.threadId);
  const act = useUrgentAction(id ?? '');
  const [modal, setModal] = useState<'execute' | 'refuse' | null>(null);
  const [note, setNote] = useState('');
  const [until, setUntil] = useState('');
  const [confirmOpen, confirm] = useDisclosure(false);
  const crumbs = (
    <Breadcrumbs separator="›" fz="sm">
      <Anchor component={Link} to="/urgent" fz="sm">
        {t('urgent.title')}
      </Anchor>
      <Text fz="sm" className="mono">
        {request?.reference ?? '…'}
      </Text>
    </Breadcrumbs>
  );
  if (query.error)
    return (
      <>
        <PageHeader title={t('urgent.request')} above={crumbs} />
        <ProblemAlert error={query.error} />
      </>
    );
  const responder = request?.side === 'responder' && me.can('urgent:write');
  const run = (action: UrgentAction, extra: { note?: string; preservedUntil?: string } = {}) =>
    act.mutate(
      { action, ...extra },
      {
        onSuccess: () => {
          setModal(null);
          setNote('');
          setUntil('');
          confirm.close();
        },
      },
    );
  const open = request && ['sent', 'acknowledged', 'in-progress'].includes(request.status);
  const actionError = act.error instanceof ApiError ? act.error : null;

  return (
    <>
      <PageHeader
        above={crumbs}
        title={request ? `${t(`urgent.types.${request.type}`)} · ${request.reference}` : '…'}
        description={
          request && (
            <Group gap={8} component="span">
              <UrgentStatusBadge status={request.status} />
              <UrgentClock request={request} />
            </Group>
          )
        }
        actions={
          responder &&
          request && (
            <>
              {request.status === 'sent' && (
                <Button
                  leftSection={<IconCheck size={16} />}
                  onClick={() => run('acknowledge')}
                  loading={act.isPending}
                  data-testid="acknowledge"
                >
                  {t('urgent.actions.acknowledge')}
                </Button>
              )}
              {(request.status === 'sent' || request.status === 'acknowledged') && (
                <Button
                  variant="default"
                  leftSection={<IconPlayerPlay size={16} />}
                  onClick={() => run('start')}
                  loading={act.isPending}
                  data-testid="start"
                >
                  {t('urgent.actions.start')}
                </Button>
              )}
              {open && (
                <>
                  <Button
                    color="teal.9"
                    leftSection={<IconShieldCheck size={16} />}
                    onClick={() => setModal('execute')}
                    data-testid="execute"
                  >
                    {t('urgent.actions.execute')}
                  </Button>
                  <Button
                    color="red"
                    variant="light"
                    leftSection={<IconX size={16} />}
                    onClick={() => setModal('refuse')}
                    data-testid="refuse"
                  >
                    {t('urgent.actions.refuse')}
                  </Button>
                </>
              )}
              {request.status === 'executed' && request.type === 'preservation' && (
                <Button
                  variant="default"
                  leftSection={<IconRefresh size={16} />}
                  onClick={confirm.open}
                  data-testid="renew"
                >
                  {t('urgent.actions.renew')}
                </Button>
              )}
            </>
          )
        }
      />
      <ProblemAlert error={act.error && !modal ? act.error : null} />
      {request && (
        <Grid gutter="md">
          <Grid.Col span={{ base: 12, lg: 5 }}>
            <Stack gap="md">
              <Card withBorder radius="md" p="md">
                <DataTable label={t('urgent.request')} minWidth={360}>
                  <Table.Tbody>
                    <Row label={t('urgent.parties')}>
                      <span className="mono" dir="ltr">
                        {request.from} → {request.to} ({request.toCountry})
                      </span>
                    </Row>
                    <Row label={t('urgent.sent')}>
                      <DateTime value={request.createdAt} /> · {request.createdBy}
                    </Row>
                    <Row label={t('urgent.ackDue')}>
                      <DateTime value={request.ackDueAt} />
                    </Row>
                    <Row label={t('urgent.acknowledged')}>
                      {request.acknowledgedAt ? (
                        <>
                          <DateTime value={request.acknowledgedAt} /> · {request.acknowledgedBy}
                        </>
                      ) : (
                        '—'
                      )}
                    </Row>
                    <Row label={t('urgent.completeDue')}>
                      <DateTime value={request.completeDueAt} />
                    </Row>
                    <Row label={t('urgent.closed')}>
                      {request.closedAt ? (
                        <>
                          <DateTime value={request.closedAt} /> · {request.closedBy}
                        </>
                      ) : (
                        '—'
                      )}
                    </Row>
                    {request.type === 'preservation' && (
                      <Row label={t('urgent.fields.preservedUntil')}>
                        {request.preservedUntil ? <DateTime value={request.preservedUntil} dateOnly /> : '—'}
                        {request.renewals > 0 && ` · ${t('urgent.renewals', { count: request.renewals })}`}
                      </Row>
                    )}
                    {request.escalatedAt && (
                      <Row label={t('urgent.escalated')}>
                        <Text span c="var(--mantine-color-red-light-color)" fz="sm">
                          <DateTime value={request.escalatedAt} />
                        </Text>
                      </Row>
                    )}
                  </Table.Tbody>
                </DataTable>
              </Card>
              <Card withBorder radius="md" p="md">
                <Text fw={600} fz="sm" mb="sm">
                  {t('urgent.timeline')}
                </Text>
                <Timeline bulletSize={14} lineWidth={2} active={(request.timeline?.length ?? 1) - 1}>
                  {(request.timeline ?? []).map((e) => (
                    <Timeline.Item
                      key={`${e.at}-${e.action}`}
                      title={t(`urgent.events.${e.action}`, { defaultValue: e.action })}
                      data-testid="timeline-event"
                      data-action={e.action}
                    >
                      <Text fz="xs" c="dimmed">
                        <DateTime value={e.at} /> · {e.agency ?? ''} {e.actor}
                      </Text>
                    </Timeline.Item>
                  ))}
                </Timeline>
              </Card>
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 7 }}>
            <Stack gap="sm">
              <ProblemAlert error={thread.error} />
              {(thread.data?.items ?? []).map((m) => (
                <MessageCard key={m.id} message={m} focused={m.id === request.messageId} />
              ))}
            </Stack>
          </Grid.Col>
        </Grid>
      )}
      <Modal
        opened={modal !== null}
        onClose={() => setModal(null)}
        title={modal === 'execute' ? t('urgent.actions.execute') : t('urgent.actions.refuse')}
        size="lg"
      >
        <Stack gap="sm">
          <Textarea
            label={modal === 'execute' ? t('urgent.whatWasDone') : t('urgent.grounds')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            autosize
            minRows={4}
            required
            error={actionError?.fieldError('note')}
            dir="auto"
            data-testid="urgent-note"
          />
          {modal === 'execute' && request?.type === 'preservation' && (
            <TextInput
              type="date"
              label={t('urgent.preservedUntilOptional')}
              description={t('urgent.preservedUntilHelp')}
              value={until}
              onChange={(e) => setUntil(e.currentTarget.value)}
              error={actionError?.fieldError('preservedUntil')}
            />
          )}
          <ProblemAlert error={act.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setModal(null)}>
              {t('common.cancel')}
            </Button>
            <Button
              color={modal === 'execute' ? 'teal.9' : 'red'}
              disabled={note.trim().length < 2}
              loading={act.isPending}
              onClick={() =>
                modal &&
                run(modal, {
                  note,
                  // The end of that day where the officer is: shown back in the same zone, it is
                  // the day chosen (the end of the day in UTC showed as the next day east of it).
                  ...(until ? { preservedUntil: new Date(`${until}T23:59:59`).toISOString() } : {}),
                })
              }
              data-testid="confirm-action"
            >
              {modal === 'execute' ? t('urgent.actions.execute') : t('urgent.actions.refuse')}
            </Button>
          </Group>
        </Stack>
      </Modal>
      <Modal opened={confirmOpen} onClose={confirm.close} title={t('urgent.actions.renew')}>
        <Stack gap="sm">
          <Text fz="sm">{t('urgent.renewHelp')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={confirm.close}>
              {t('common.cancel')}
            </Button>
            <Button onClick={() => run('renew')} loading={act.isPending} data-testid="confirm-renew">
              {t('urgent.actions.renew')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
