import {
  Alert,
  Anchor,
  Badge,
  Breadcrumbs,
  Button,
  Card,
  Group,
  Modal,
  MultiSelect,
  Stack,
  Table,
  Text,
  Textarea,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconArrowBackUp, IconArrowForwardUp, IconDownload, IconFlame, IconLock } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { useMe } from '../../auth/session';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/problem';
import { DataTable } from '../../components/tables';
import { DateTime, formatNumber } from '../../i18n/format';
import { FORM_FIELDS } from '../urgent/queries';
import { MarkingBadges, PriorityBadge, SealedNotice, VerificationPanel } from './badges';
import { DecideButtons, PermissionBadge } from './ForwardRequestsPanel';
import {
  type Message,
  useAgencies,
  useAskToForward,
  useForward,
  useForwardRequests,
  useMessage,
  useMessagingEvents,
  useThread,
} from './queries';

type ThreadMessage = Message & { recipients?: NonNullable<Message['recipients']> };

/** The urgent forms' yes/no answers ("A mutual legal assistance request will follow"). */
const YES_NO_FIELDS = new Set(
  Object.values(FORM_FIELDS)
    .flat()
    .filter((f) => f.yesNo)
    .map((f) => f.name),
);

/** A form's value as the reader says it: a yes/no answer in the interface language. */
function formValue(t: TFunction, name: string, value: string): string {
  if (YES_NO_FIELDS.has(name) && (value === 'yes' || value === 'no')) return t(`common.${value}`);
  return value;
}

function bytes(size: number): string {
  if (size < 1024) return `${formatNumber(size)} B`;
  if (size < 1024 ** 2) return `${formatNumber(Math.round(size / 1024))} KiB`;
  if (size < 1024 ** 3) return `${formatNumber(Math.round(size / 1024 ** 2))} MiB`;
  return `${formatNumber(Math.round((size / 1024 ** 3) * 10) / 10)} GiB`;
}

function Receipts({ message }: { message: ThreadMessage }) {
  const { t } = useTranslation();
  const recipients = message.recipients ?? [];
  if (recipients.length === 0) return null;
  const cell = (at: string | null, kind: string, r: (typeof recipients)[number]) => {
    const receipt = r.receipts.find((x) => x.kind === kind);
    if (!at) return <Text c="dimmed">—</Text>;
    return (
      <Group gap={4} wrap="nowrap">
        <DateTime value={at} />
        {receipt && !receipt.valid && (
          <Badge size="xs" color="red" radius="sm">
            {t('messaging.receiptInvalid')}
          </Badge>
        )}
      </Group>
    );
  };
  const acted = recipients.filter((r) => r.readAt || r.answeredAt).length;
  return (
    <Stack gap={4} mt="sm">
      <Text fz="sm" fw={600}>
        {t('messaging.receipts', { acted, total: recipients.length })}
      </Text>
      <DataTable label={t('messaging.receiptsTable')} minWidth={640}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={130}>{t('messaging.fields.recipient')}</Table.Th>
            <Table.Th>{t('messaging.receiptKinds.delivered')}</Table.Th>
            <Table.Th>{t('messaging.receiptKinds.read')}</Table.Th>
            <Table.Th>{t('messaging.receiptKinds.answered')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {recipients.map((r) => (
            <Table.Tr
              key={r.agency}
              data-testid="receipt-row"
              data-agency={r.agency}
              data-read={r.readAt ? 'true' : undefined}
            >
              <Table.Td className="mono">{r.agency}</Table.Td>
              <Table.Td>{cell(r.deliveredAt ?? r.fetchedAt, 'delivered', r)}</Table.Td>
              <Table.Td>{cell(r.readAt, 'read', r)}</Table.Td>
              <Table.Td>{cell(r.answeredAt, 'answered', r)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </DataTable>
    </Stack>
  );
}

export function MessageCard({ message, focused }: { message: ThreadMessage; focused: boolean }) {
  const { t, i18n } = useTranslation();
  const content = message.content;
  const bodyRestatesForm = Boolean(content?.body && content.form && restatesForm(content.body, content.form));
  return (
    <Card
      withBorder
      radius="md"
      p="md"
      className={focused ? 'message-card focused' : 'message-card'}
      data-testid="message-card"
      data-message={message.id}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={2} miw={0}>
          <Group gap={6} wrap="nowrap" align="flex-start">
            <PriorityBadge priority={message.priority} />
            {content ? (
              <Text fw={650} dir="auto" data-testid="message-subject">
                {content.subject}
              </Text>
            ) : (
              <SealedNotice />
            )}
          </Group>
          {/* Each part isolated in its own direction; the arrow points from the sender to
              the recipients in the reading direction (← right to left). */}
          <Text fz="sm" c="dimmed" data-testid="message-route">
            <bdi className="mono" dir="ltr" data-testid="route-from">
              {message.from}
            </bdi>{' '}
            <bdi dir="ltr">({message.sentBy})</bdi>{' '}
            <span aria-hidden="true" data-testid="route-arrow">
              {i18n.dir() === 'rtl' ? '←' : '→'}
            </span>
            <span className="visually-hidden">{t('messaging.routeTo')}</span>{' '}
            <bdi className="mono" dir="ltr" data-testid="route-to">
              {message.groups.length ? message.groups.join(', ') : message.to.join(', ')}
            </bdi>
          </Text>
          <Text fz="xs" c="dimmed">
            <span className="mono" dir="ltr">
              {message.reference}
            </span>{' '}
            · <DateTime value={message.sentAt} />
          </Text>
        </Stack>
        <MarkingBadges message={message} />
      </Group>
      <div style={{ marginTop: 10 }}>
        <VerificationPanel verification={message.verification} />
      </div>
      {message.handling === 'H3' && message.handlingNote && (
        <Alert color="navy" variant="light" mt="sm" p="xs" title={t('messaging.fields.handlingNote')}>
          {message.handlingNote}
        </Alert>
      )}
      {content && (
        <Stack gap="xs" mt="sm">
          {content.body && !bodyRestatesForm && (
            <Text fz="sm" className="message-body" dir="auto" data-testid="message-body">
              {content.body}
            </Text>
          )}
          {content.form && (
            <DataTable label={t('messaging.form')} minWidth={400}>
              <Table.Tbody>
                {Object.entries(content.form.fields).map(([name, value]) => (
                  <Table.Tr key={name}>
                    <Table.Th w={200} fw={500} c="dimmed" scope="row">
                      {t(`urgent.fields.${name}`, { defaultValue: name })}
                    </Table.Th>
                    <Table.Td className="wrap multiline" dir="auto" data-form-field={name}>
                      {formValue(t, name, value)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </DataTable>
          )}
          {bodyRestatesForm && (
            // The same form as text, as systems without the form see it: kept at hand, not shown twice.
            <details>
              <summary>
                <Text span fz="xs" c="dimmed">
                  {t('messaging.formAsText')}
                </Text>
              </summary>
              <Text fz="sm" className="message-body" dir="auto" data-testid="message-body">
                {content.body}
              </Text>
            </details>
          )}
          {content.forwarded && (
            <Card withBorder radius="sm" p="sm" bg="gray.0" data-testid="forwarded">
              <Text fz="xs" c="dimmed">
                {t('messaging.forwardedFrom', {
                  agency: content.forwarded.from,
                  reference: content.forwarded.reference,
                  verification: t(`messaging.verification.${content.forwarded.verification}`, {
                    defaultValue: content.forwarded.verification,
                  }),
                })}
              </Text>
              <Text fw={600} fz="sm" dir="auto">
                {content.forwarded.subject}
              </Text>
              <Text fz="sm" className="message-body" dir="auto">
                {content.forwarded.body}
              </Text>
            </Card>
          )}
          {(content.caseRef || content.references.length > 0) && (
            <Group gap={6}>
              {content.caseRef && (
                <Badge variant="light" color="gray" radius="sm" tt="none">
                  {t('messaging.fields.caseRef')}: <span dir="ltr">{content.caseRef}</span>
                </Badge>
              )}
              {content.references.map((r) => (
                <Badge key={`${r.type}:${r.id}`} variant="outline" color="gray" radius="sm" tt="none">
                  {t(`messaging.referenceTypes.${r.type}`)}:{' '}
                  {r.type === 'record' ? (
                    <Anchor component={Link} to={`/records/${r.id}`} fz="xs">
                      {r.label ?? r.id}
                    </Anchor>
                  ) : r.type === 'message' ? (
                    <Anchor component={Link} to={`/messages/${r.id}`} fz="xs">
                      {r.label ?? r.id}
                    </Anchor>
                  ) : (
                    <span dir="ltr">{r.label ?? r.id}</span>
                  )}
                </Badge>
              ))}
            </Group>
          )}
          {content.attachments.length > 0 && (
            <Stack gap={4}>
              {content.attachments.map((a) => (
                <Group key={a.id} gap={6}>
                  <IconDownload size={14} />
                  <Anchor
                    href={`/api/v1/messages/${message.id}/attachments/${a.id}`}
                    fz="sm"
                    data-testid="attachment-link"
                    download
                  >
                    <bdi>{a.name}</bdi>
                  </Anchor>
                  <Text fz="xs" c="dimmed" dir="ltr" data-testid="attachment-size">
                    {bytes(a.size)}
                  </Text>
                  {a.sha256 && (
                    <Text fz="xs" c="dimmed" className="mono" dir="ltr" title="SHA-256">
                      {a.sha256.slice(0, 16)}…
                    </Text>
                  )}
                </Group>
              ))}
            </Stack>
          )}
        </Stack>
      )}
      {!content && message.attachments.length > 0 && (
        <Text fz="xs" c="dimmed" mt="xs">
          {t('messaging.sealedAttachments', { count: message.attachments.length })}
        </Text>
      )}
      {message.box === 'sent' && <Receipts message={message} />}
    </Card>
  );
}

function ForwardModal({
  message,
  opened,
  onClose,
  initialTo,
}: {
  message: Message;
  opened: boolean;
  onClose: () => void;
  initialTo: string[];
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const agencies = useAgencies();
  const forward = useForward(message.id);
  const ask = useAskToForward(message.id);
  const me = useMe();
  const requests = useForwardRequests({ messageId: message.id });
  const [to, setTo] = useState<string[]>(initialTo);
  const [note, setNote] = useState('');
  const problem = forward.error instanceof ApiError ? forward.error : null;
  // What my agency asked of the originator for this message, and what it was answered: the
  // server lets a forward through to the targets of the granted requests.
  const mine = (requests.data?.items ?? []).filter(
    (r) => r.messageId === message.id && r.requester === me.agency.code,
  );
  const granted = new Set(mine.filter((r) => r.status === 'granted').flatMap((r) => r.targets));
  const pending = new Set(mine.filter((r) => r.status === 'pending').flatMap((r) => r.targets));
  const restricted =
    (message.handling === 'H2' || message.handling === 'H3') &&
    !(message.forwardOf === null && message.from === me.agency.code);
  const allGranted = restricted && to.length > 0 && to.every((a) => granted.has(a));
  // Asked and not yet answered for (some of) the chosen agencies: sending would only be refused.
  const awaiting =
    restricted &&
    !allGranted &&
    (to.some((a) => pending.has(a) && !granted.has(a)) ||
      (ask.isSuccess && to.every((a) => (ask.variables ?? []).includes(a))));
  const needsPermission = problem?.slug === 'forward-permission-required' && !allGranted;
  // For a forward, the agency that restricted the information decides, not its forwarder.
  const decider =
    typeof problem?.body?.originator === 'string'
      ? problem.body.originator
      : (mine[0]?.owner ?? message.from);
  const grantedShown = [...granted].filter((a) => to.length === 0 || to.includes(a));
  const options = (agencies.data ?? [])
    .filter((a) => a.code !== message.from && !message.to.includes(a.code))
    .map((a) => ({ value: a.code, label: `${a.code} — ${a.name}` }));
  return (
    <Modal opened={opened} onClose={onClose} title={t('messaging.forwardTitle')} size="lg">
      <Stack gap="sm">
        {restricted &&
          (allGranted ? (
            <Alert color="teal" variant="light" data-testid="forward-permission" data-state="granted">
              {t('messaging.forwardPermissionGranted', {
                handling: message.handling,
                agency: decider,
                targets: to.join(', '),
              })}
            </Alert>
          ) : awaiting ? (
            <Alert color="orange" variant="light" data-testid="forward-permission" data-state="pending">
              {t('messaging.forwardPermissionPending', { handling: message.handling, agency: decider })}
            </Alert>
          ) : (
            <Alert color="orange" variant="light" data-testid="forward-permission" data-state="required">
              {message.forwardOf
                ? t('messaging.forwardOfForwardNeedsPermission', { handling: message.handling })
                : t('messaging.forwardNeedsPermission', { handling: message.handling, agency: message.from })}
              {grantedShown.length > 0 && (
                <> {t('messaging.forwardGrantedFor', { targets: grantedShown.join(', ') })}</>
              )}
            </Alert>
          ))}
        {message.tlp === 'RED' && (
          <Alert color="red" variant="light">
            {t('messaging.forwardRed')}
          </Alert>
        )}
        <MultiSelect
          label={t('messaging.fields.recipients')}
          data={options}
          value={to}
          onChange={setTo}
          searchable
          limit={80}
          data-testid="forward-to"
        />
        <Textarea
          label={t('messaging.forwardNote')}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          autosize
          minRows={3}
          dir="auto"
        />
        {needsPermission ? (
          <Alert color="orange" title={t('messaging.permissionRequired')} data-testid="permission-required">
            <Stack gap="xs">
              <Text fz="sm">{problem?.message}</Text>
              <Group>
                <Button
                  size="compact-sm"
                  loading={ask.isPending}
                  disabled={ask.isSuccess}
                  onClick={() => ask.mutate(to)}
                  data-testid="ask-permission"
                >
                  {ask.isSuccess
                    ? t('messaging.permissionAsked')
                    : t('messaging.askPermission', { agency: decider })}
                </Button>
              </Group>
            </Stack>
          </Alert>
        ) : (
          <ProblemAlert error={forward.error} />
        )}
        <ProblemAlert error={ask.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            leftSection={<IconArrowForwardUp size={16} />}
            disabled={to.length === 0 || message.tlp === 'RED' || awaiting}
            loading={forward.isPending}
            onClick={() =>
              forward.mutate(
                { to, ...(note ? { note } : {}) },
                {
                  onSuccess: (sent) => {
                    notifications.show({
                      color: 'teal',
                      message: t('messaging.sent', { reference: sent.reference }),
                    });
                    onClose();
                    navigate(`/messages/${sent.id}`);
                  },
                },
              )
            }
            data-testid="forward-send"
          >
            {t('messaging.forward')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Requests to pass on this message: the originator grants or denies each. */
function ForwardRequests({ message }: { message: Message }) {
  const { t } = useTranslation();
  const me = useMe();
  const requests = useForwardRequests({ messageId: message.id });
  const items = requests.data?.items ?? [];
  if (items.length === 0) return null;
  const mine = message.from === me.agency.code;
  return (
    <Card withBorder radius="md" p="md" data-testid="forward-requests">
      <Text fw={600} fz="sm" mb="xs">
        {t('messaging.forwardRequests')}
      </Text>
      <Stack gap={6}>
        {items.map((r) => (
          <Group key={r.id} justify="space-between" data-testid="forward-request">
            <Text fz="sm">
              {t('messaging.forwardRequestLine', { requester: r.requester, targets: r.targets.join(', ') })}{' '}
              <PermissionBadge status={r.status} />
            </Text>
            {mine && r.status === 'pending' && me.can('messages:send') && <DecideButtons request={r} />}
          </Group>
        ))}
      </Stack>
    </Card>
  );
}

/** A message with its thread: verification, receipts, attachments; reply and forward. */
export function ThreadPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const me = useMe();
  const navigate = useNavigate();
  // A granted request's "forward now" opens the dialog with the agencies it was granted for.
  const [searchParams] = useSearchParams();
  const grantedTargets = searchParams.get('forward')?.split(',').filter(Boolean) ?? [];
  useMessagingEvents();
  const message = useMessage(id);
  const thread = useThread(message.data?.threadId);
  const [forwardOpen, forwardModal] = useDisclosure(grantedTargets.length > 0);
  const items = (thread.data?.items ?? (message.data ? [message.data] : [])) as ThreadMessage[];
  const focused = items.find((m) => m.id === id) ?? message.data;
  const first = items[0];
  const canSend = me.can('messages:send');
  const readable = focused?.custody !== 'self';
  const crumbs = (
    <Breadcrumbs separator="›" fz="sm">
      <Anchor component={Link} to="/messages" fz="sm">
        {t('messaging.title')}
      </Anchor>
      <Text fz="sm" className="mono">
        {focused?.reference ?? '…'}
      </Text>
    </Breadcrumbs>
  );
  if (message.error)
    return (
      <>
        <PageHeader title={t('messaging.message')} above={crumbs} />
        <ProblemAlert error={message.error} />
      </>
    );
  return (
    <>
      <PageHeader
        above={crumbs}
        title={
          <span dir="auto" className="bidi-block">
            {first?.content?.subject ?? focused?.content?.subject ?? focused?.reference ?? '…'}
          </span>
        }
        description={
          focused && (
            <Group gap={6} component="span">
              {focused.urgentRequestId && (
                <Anchor component={Link} to={`/urgent/${focused.urgentRequestId}`} fz="sm">
                  <Group gap={4} component="span">
                    <IconFlame size={14} />
                    {t('messaging.urgentRequest')}
                  </Group>
                </Anchor>
              )}
              {!readable && (
                <Group gap={4} component="span">
                  <IconLock size={14} />
                  <Text span fz="sm" c="dimmed">
                    {t('messaging.selfHeldRead')}
                  </Text>
                </Group>
              )}
              <Text span fz="sm" c="dimmed">
                {t('messaging.inThread', { count: items.length })}
              </Text>
            </Group>
          )
        }
        actions={
          focused &&
          canSend &&
          readable && (
            <>
              <Button
                variant="default"
                leftSection={<IconArrowBackUp size={16} />}
                onClick={() => navigate(`/messages/new?replyTo=${focused.id}`)}
                data-testid="reply"
              >
                {t('messaging.reply')}
              </Button>
              {focused.to.length + 1 > 2 && (
                <Button
                  variant="default"
                  onClick={() => navigate(`/messages/new?replyTo=${focused.id}&all=true`)}
                  data-testid="reply-all"
                >
                  {t('messaging.replyAll')}
                </Button>
              )}
              <Button
                variant="default"
                leftSection={<IconArrowForwardUp size={16} />}
                onClick={forwardModal.open}
                data-testid="forward"
              >
                {t('messaging.forward')}
              </Button>
            </>
          )
        }
      />
      <ProblemAlert error={thread.error} />
      <Stack gap="sm">
        {focused && <ForwardRequests message={focused} />}
        {items.map((m) => (
          <MessageCard key={m.id} message={m} focused={m.id === id} />
        ))}
      </Stack>
      {focused && readable && (
        <ForwardModal
          message={focused}
          opened={forwardOpen}
          onClose={forwardModal.close}
          initialTo={grantedTargets}
        />
      )}
    </>
  );
}

/**
 * Whether a message's text is its form written out (an urgent request's body, for systems
 * that show only text), rather than words of its own beside the form (an executed request's
 * note): then the form is shown and the text folded away, not the same content twice.
 */
function restatesForm(body: string, form: { fields: Record<string, string> }): boolean {
  const values = Object.values(form.fields);
  return values.length > 0 && values.every((value) => body.includes(value));
}
