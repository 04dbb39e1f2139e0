import { Anchor, Badge, Button, Group, SegmentedControl, Table, Text } from '@mantine/core';
import { IconCheck, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../../auth/session';
import { ProblemAlert } from '../../components/problem';
import { DataTable, StateRow } from '../../components/tables';
import { useUrlFilters } from '../../components/urlFilters';
import { DateTime } from '../../i18n/format';
import { type ForwardPermission, useDecideForward, useForwardRequests } from './queries';

export function PermissionBadge({ status }: { status: ForwardPermission['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge
      size="sm"
      radius="sm"
      variant="light"
      color={status === 'granted' ? 'teal' : status === 'denied' ? 'red' : 'orange'}
    >
      {t(`messaging.permissionStatus.${status}`)}
    </Badge>
  );
}

/** Grant and deny, for the originator's officers while a request waits. */
export function DecideButtons({ request }: { request: ForwardPermission }) {
  const { t } = useTranslation();
  const decide = useDecideForward();
  return (
    <>
      <Group gap={6} wrap="nowrap">
        <Button
          size="compact-xs"
          color="teal.9"
          leftSection={<IconCheck size={12} />}
          loading={decide.isPending && decide.variables?.grant === true}
          disabled={decide.isPending}
          onClick={() => decide.mutate({ id: request.id, grant: true })}
          data-testid="grant"
        >
          {t('messaging.grant')}
        </Button>
        <Button
          size="compact-xs"
          color="red"
          variant="light"
          leftSection={<IconX size={12} />}
          loading={decide.isPending && decide.variables?.grant === false}
          disabled={decide.isPending}
          onClick={() => decide.mutate({ id: request.id, grant: false })}
          data-testid="deny"
        >
          {t('messaging.deny')}
        </Button>
      </Group>
      <ProblemAlert error={decide.error} />
    </>
  );
}

/** Pending requests my agency must answer: what the Forwarding tab counts. */
export function usePendingForwardDecisions() {
  const me = useMe();
  const requests = useForwardRequests({ pending: true });
  const decides = me.can('messages:send');
  return (requests.data?.items ?? []).filter((r) => decides && r.owner === me.agency.code).length;
}

/**
 * Requests to pass on H2 and H3 messages, both ways: those about my agency's messages, which its
 * officers grant or deny here without hunting for the message, and those my agency made,
 * with the answer and a way back to the message to forward it once granted.
 */
export function ForwardRequestsPanel() {
  const { t } = useTranslation();
  const me = useMe();
  const { params, update } = useUrlFilters();
  const showAll = params.get('status') === 'all';
  const requests = useForwardRequests({ pending: !showAll });
  const rows = requests.data?.items ?? [];
  const decides = me.can('messages:send');
  return (
    <>
      <Group mb="sm" justify="space-between" wrap="wrap">
        <Text fz="sm" c="dimmed" maw={640}>
          {t('messaging.forwarding.description')}
        </Text>
        <SegmentedControl
          size="xs"
          value={showAll ? 'all' : 'pending'}
          onChange={(v) => update('status', v === 'all' ? 'all' : null)}
          data={[
            { value: 'pending', label: t('messaging.forwarding.pendingOnly') },
            { value: 'all', label: t('messaging.forwarding.all') },
          ]}
          data-testid="forwarding-filter"
        />
      </Group>
      <ProblemAlert error={requests.error} />
      <DataTable label={t('messaging.box.forwarding')} minWidth={880}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={160}>{t('messaging.fields.message')}</Table.Th>
            <Table.Th>{t('messaging.forwarding.request')}</Table.Th>
            <Table.Th w={160}>{t('messaging.forwarding.requestedAt')}</Table.Th>
            <Table.Th w={120}>{t('messaging.forwarding.status')}</Table.Th>
            <Table.Th w={170}>{t('common.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          <StateRow columns={5} loading={requests.isPending} empty={requests.isSuccess && rows.length === 0}>
            {requests.isSuccess && rows.length === 0 ? (
              <Text c="dimmed" fz="sm">
                {showAll ? t('messaging.forwarding.none') : t('messaging.forwarding.nonePending')}
              </Text>
            ) : undefined}
          </StateRow>
          {rows.map((r) => {
            const incoming = r.owner === me.agency.code;
            return (
              <Table.Tr
                key={r.id}
                data-testid="forwarding-row"
                data-direction={incoming ? 'incoming' : 'outgoing'}
              >
                <Table.Td>
                  {/* The decider is shown its own message: a forward of it went to others. */}
                  <Anchor
                    component={Link}
                    to={`/messages/${incoming ? r.sourceMessageId : r.messageId}`}
                    fz="sm"
                    className="mono"
                    dir="ltr"
                  >
                    {incoming ? r.sourceReference : r.messageReference}
                  </Anchor>
                  {r.sourceMessageId !== r.messageId && (
                    <Text fz="xs" c="dimmed" className="mono" dir="ltr">
                      {t('messaging.forwarding.viaForward', {
                        reference: incoming ? r.messageReference : r.sourceReference,
                      })}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td className="wrap">
                  <Text fz="sm">
                    {incoming
                      ? t('messaging.forwardRequestLine', {
                          requester: r.requester,
                          targets: r.targets.join(', '),
                        })
                      : t('messaging.forwarding.askedLine', {
                          owner: r.owner,
                          targets: r.targets.join(', '),
                        })}
                  </Text>
                  <Text fz="xs" c="dimmed">
                    {r.decidedBy
                      ? t('messaging.forwarding.decidedBy', { name: r.decidedBy })
                      : t('messaging.forwarding.requestedBy', { name: r.requestedBy })}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <DateTime value={r.createdAt} />
                </Table.Td>
                <Table.Td>
                  <PermissionBadge status={r.status} />
                </Table.Td>
                <Table.Td>
                  {incoming && r.status === 'pending' && decides ? (
                    <DecideButtons request={r} />
                  ) : !incoming && r.status === 'granted' ? (
                    <Anchor
                      component={Link}
                      to={`/messages/${r.messageId}?forward=${r.targets.join(',')}`}
                      fz="sm"
                    >
                      {t('messaging.forwarding.forwardNow')}
                    </Anchor>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </DataTable>
    </>
  );
}
