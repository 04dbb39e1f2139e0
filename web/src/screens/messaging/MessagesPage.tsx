import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  Select,
  Switch,
  Table,
  Tabs,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { IconEdit, IconPaperclip, IconSearch, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useMe } from '../../auth/session';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/problem';
import { DataTable, LoadMore, StateRow } from '../../components/tables';
import { useSearchBox, useUrlFilters } from '../../components/urlFilters';
import { DateTime } from '../../i18n/format';
import { MarkingBadges, PriorityBadge, SealedNotice, VerificationIcon } from './badges';
import { ForwardRequestsPanel, usePendingForwardDecisions } from './ForwardRequestsPanel';
import {
  type Message,
  PRIORITIES,
  type Priority,
  useDeleteDraft,
  useDrafts,
  useMessages,
  useMessagingEvents,
} from './queries';

function Parties({ message }: { message: Message }) {
  const { t } = useTranslation();
  if (message.box === 'inbox')
    return (
      <Text fz="sm" className="mono" dir="ltr">
        {message.from}
        {message.mailbox !== message.to[0] || message.to.length > 1 ? (
          <Text span fz="xs" c="dimmed">
            {' '}
            → {message.mailbox}
          </Text>
        ) : null}
      </Text>
    );
  const shown = message.groups.length > 0 ? message.groups : message.to.slice(0, 3);
  const more = message.groups.length > 0 ? 0 : message.to.length - shown.length;
  return (
    <Text fz="sm" className="mono" dir="ltr" title={message.to.join(', ')}>
      {shown.join(', ')}
      {more > 0 ? ` ${t('messaging.andMore', { count: more })}` : ''}
    </Text>
  );
}

function MessageRows({ box }: { box: 'inbox' | 'sent' }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { params, update } = useUrlFilters();
  const [search, setSearch] = useSearchBox();
  const priority = (params.get('priority') ?? undefined) as Priority | undefined;
  const unread = params.get('unread') === 'true';
  const q = params.get('q') ?? undefined;
  const query = useMessages({ box, q, priority, unread: box === 'inbox' && unread });
  const rows = query.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <Paper withBorder p="sm" mb="sm" radius="md" className="filter-bar">
        <Group gap="md" align="flex-end">
          <TextInput
            label={t('messaging.search')}
            placeholder={t('messaging.searchPlaceholder')}
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            w={320}
            data-testid="message-search"
          />
          <Select
            label={t('messaging.fields.priority')}
            data={PRIORITIES.map((p) => ({ value: p, label: t(`messaging.priority.${p}`) }))}
            value={priority ?? null}
            onChange={(v) => update('priority', v)}
            clearable
            w={160}
          />
          {box === 'inbox' && (
            <Switch
              label={t('messaging.unreadOnly')}
              checked={unread}
              onChange={(e) => update('unread', e.currentTarget.checked ? 'true' : null)}
              mb={6}
            />
          )}
        </Group>
      </Paper>
      <ProblemAlert error={query.error} />
      <DataTable label={t(`messaging.box.${box}`)} minWidth={960}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={28} aria-label={t('messaging.verification.title')} />
            <Table.Th w={150}>
              {box === 'inbox' ? t('messaging.fields.from') : t('messaging.fields.to')}
            </Table.Th>
            <Table.Th>{t('messaging.fields.subject')}</Table.Th>
            <Table.Th w={210}>{t('messaging.fields.markings')}</Table.Th>
            <Table.Th w={150}>{t('messaging.fields.sentAt')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          <StateRow columns={5} loading={query.isPending} empty={query.isSuccess && rows.length === 0}>
            {query.isSuccess && rows.length === 0 ? (
              <Text c="dimmed" fz="sm">
                {q ? t('messaging.noMatches') : t(`messaging.empty.${box}`)}
              </Text>
            ) : undefined}
          </StateRow>
          {rows.map((m) => {
            const unreadRow = m.box === 'inbox' && !m.readAt;
            return (
              <Table.Tr
                key={`${m.id}-${m.mailbox}`}
                data-testid="message-row"
                data-unread={unreadRow ? 'true' : undefined}
                className={unreadRow ? 'unread-row clickable-row' : 'clickable-row'}
                onClick={() => navigate(`/messages/${m.id}`)}
              >
                <Table.Td>
                  <VerificationIcon verification={m.verification} />
                </Table.Td>
                <Table.Td>
                  <Parties message={m} />
                </Table.Td>
                <Table.Td className="wrap">
                  <Group gap={6} wrap="nowrap">
                    <PriorityBadge priority={m.priority} />
                    {m.content ? (
                      <Anchor
                        component={Link}
                        to={`/messages/${m.id}`}
                        fz="sm"
                        fw={unreadRow ? 700 : 400}
                        c="inherit"
                        onClick={(e) => e.stopPropagation()}
                      >
                        <bdi>{m.content.subject}</bdi>
                      </Anchor>
                    ) : (
                      <SealedNotice />
                    )}
                    {m.attachments.length > 0 && (
                      <IconPaperclip size={14} aria-label={t('messaging.hasAttachments')} />
                    )}
                    {m.urgentRequestId && (
                      <Text span fz="xs" c="var(--mantine-color-red-light-color)" fw={600}>
                        24/7
                      </Text>
                    )}
                  </Group>
                  <Text fz="xs" c="dimmed" className="mono" dir="ltr">
                    {m.reference}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <MarkingBadges message={m} />
                </Table.Td>
                <Table.Td>
                  <DateTime value={m.sentAt} />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </DataTable>
      <LoadMore
        count={rows.length}
        hasMore={Boolean(query.hasNextPage)}
        loading={query.isFetchingNextPage}
        onLoad={() => void query.fetchNextPage()}
      />
    </>
  );
}

function DraftRows() {
  const { t } = useTranslation();
  const drafts = useDrafts(true);
  const remove = useDeleteDraft();
  const rows = drafts.data?.items ?? [];
  return (
    <>
      <ProblemAlert error={drafts.error ?? remove.error} />
      <DataTable label={t('messaging.box.drafts')} minWidth={720}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={180}>{t('messaging.fields.to')}</Table.Th>
            <Table.Th>{t('messaging.fields.subject')}</Table.Th>
            <Table.Th w={160}>{t('messaging.fields.savedAt')}</Table.Th>
            <Table.Th w={90}>{t('common.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          <StateRow columns={4} loading={drafts.isPending} empty={drafts.isSuccess && rows.length === 0}>
            {drafts.isSuccess && rows.length === 0 ? (
              <Text c="dimmed" fz="sm">
                {t('messaging.empty.drafts')}
              </Text>
            ) : undefined}
          </StateRow>
          {rows.map((d) => (
            <Table.Tr key={d.id} data-testid="draft-row">
              <Table.Td className="mono" dir="ltr">
                {[...(d.draft.to ?? []), ...(d.draft.groups ?? [])].join(', ') || '—'}
              </Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/messages/new?draft=${d.id}`} fz="sm">
                  <bdi>{d.draft.subject || t('messaging.noSubject')}</bdi>
                </Anchor>
              </Table.Td>
              <Table.Td>
                <DateTime value={d.updatedAt} />
              </Table.Td>
              <Table.Td>
                <Tooltip label={t('messaging.discardDraft')} withArrow>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t('messaging.discardDraft')}
                    onClick={() => remove.mutate(d.id)}
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Tooltip>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </DataTable>
    </>
  );
}

/** Inbox, sent messages, drafts and requests to forward of my agency (a bureau: and of its units). */
export function MessagesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const { params, update } = useUrlFilters();
  useMessagingEvents();
  const box = (params.get('box') ?? 'inbox') as 'inbox' | 'sent' | 'drafts' | 'forwarding';
  const canSend = me.can('messages:send');
  const awaitingDecision = usePendingForwardDecisions();
  return (
    <>
      <PageHeader
        title={t('messaging.title')}
        description={t('messaging.description')}
        actions={
          canSend && (
            <Button
              leftSection={<IconEdit size={16} />}
              onClick={() => navigate('/messages/new')}
              data-testid="compose"
            >
              {t('messaging.compose')}
            </Button>
          )
        }
      />
      <Tabs
        value={box}
        onChange={(value) => {
          update('q', null);
          update('status', null);
          update('box', value === 'inbox' ? null : value);
        }}
        keepMounted={false}
      >
        <Tabs.List>
          <Tabs.Tab value="inbox" data-testid="tab-inbox">
            {t('messaging.box.inbox')}
          </Tabs.Tab>
          <Tabs.Tab value="sent" data-testid="tab-sent">
            {t('messaging.box.sent')}
          </Tabs.Tab>
          {canSend && me.user && (
            <Tabs.Tab value="drafts" data-testid="tab-drafts">
              {t('messaging.box.drafts')}
            </Tabs.Tab>
          )}
          <Tabs.Tab
            value="forwarding"
            data-testid="tab-forwarding"
            rightSection={
              awaitingDecision > 0 ? (
                <Badge
                  size="sm"
                  circle
                  color="orange"
                  aria-label={t('messaging.forwarding.awaiting', { count: awaitingDecision })}
                >
                  {awaitingDecision}
                </Badge>
              ) : undefined
            }
          >
            {t('messaging.box.forwarding')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="inbox" pt="sm">
          <MessageRows box="inbox" />
        </Tabs.Panel>
        <Tabs.Panel value="sent" pt="sm">
          <MessageRows box="sent" />
        </Tabs.Panel>
        {canSend && me.user && (
          <Tabs.Panel value="drafts" pt="sm">
            <DraftRows />
          </Tabs.Panel>
        )}
        <Tabs.Panel value="forwarding" pt="sm">
          <ForwardRequestsPanel />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
