import {
  Anchor,
  Button,
  Group,
  Modal,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Table,
  Text,
} from '@mantine/core';
import { IconCalendarPlus, IconHourglassLow, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useMe } from '../../auth/session';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/problem';
import { DataTable, LoadMore, StateRow } from '../../components/tables';
import { useUrlFilters } from '../../components/urlFilters';
import { DateTime } from '../../i18n/format';
import { KindBadge, PolicyBadges, RecordStatusBadge } from './display';
import { isRecordKind, RECORD_KINDS, type RecordFilters, type RecordItem, useRecords } from './queries';
import { DeleteModal, ExtendModal } from './RecordActions';
import { ReviewBadge } from './RecordDetailPage';
import { RecordSummary } from './RecordSummary';

const STATUSES = ['active', 'lapsed', 'deleted'] as const;

/** My agency's records (a bureau: with its units'), or the review queue of those due for review. */
export function RecordsPage({ review = false }: { review?: boolean }) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const { params, update, updateAll } = useUrlFilters();
  const kind = params.get('kind');
  const status = params.get('status');
  // Another agency's records marked for mine: active ones only, and no review dates to keep.
  const shared = !review && params.get('scope') === 'shared';
  const filters: RecordFilters = shared
    ? { scope: 'shared', ...(isRecordKind(kind) ? { kind } : {}) }
    : {
        ...(isRecordKind(kind) ? { kind } : {}),
        ...(STATUSES.includes(status as (typeof STATUSES)[number])
          ? { status: status as RecordItem['status'] }
          : {}),
        ...(review || params.get('reviewDue') === 'true' ? { reviewDue: true } : {}),
      };
  const query = useRecords(filters);
  const loaded = query.data?.pages.flatMap((p) => p.items) ?? [];
  // The queue reads soonest first.
  const rows = review ? [...loaded].sort((a, b) => a.reviewAt.localeCompare(b.reviewAt)) : loaded;
  const writes = me.can('records:write');
  const [extending, setExtending] = useState<RecordItem | null>(null);
  const [lapsing, setLapsing] = useState<RecordItem | null>(null);
  const columns = 7;

  return (
    <>
      <PageHeader
        title={review ? t('review.title') : t('records.title')}
        description={
          review
            ? t('review.description')
            : shared
              ? t('records.sharedDescription', { agency: me.agency.name })
              : t('records.description', { agency: me.agency.name })
        }
        actions={
          writes &&
          !review && (
            <Button
              component={Link}
              to="/records/new"
              leftSection={<IconPlus size={16} />}
              data-testid="new-record"
            >
              {t('records.new')}
            </Button>
          )
        }
      />
      <Paper withBorder p="sm" mb="sm" radius="md" className="filter-bar">
        <Group gap="sm" align="flex-end">
          {!review && (
            <SegmentedControl
              aria-label={t('records.scopeLabel')}
              data={[
                { value: 'own', label: t('records.scopeOwn') },
                { value: 'shared', label: t('records.scopeShared') },
              ]}
              value={shared ? 'shared' : 'own'}
              // Status and review apply to our own records: left behind when switching.
              onChange={(v) => updateAll({ status: null, reviewDue: null, scope: v === 'shared' ? v : null })}
              data-testid="records-scope"
            />
          )}
          <Select
            label={t('records.kind')}
            placeholder={t('common.all')}
            data={RECORD_KINDS.map((k) => ({ value: k, label: t(`recordKinds.${k}`) }))}
            value={filters.kind ?? null}
            onChange={(v) => update('kind', v)}
            clearable
            w={220}
            data-testid="filter-kind"
          />
          {!shared && (
            <Select
              label={t('record.status')}
              data={STATUSES.map((s) => ({ value: s, label: t(`recordStatus.${s}`) }))}
              value={filters.status ?? 'active'}
              onChange={(v) => update('status', v === 'active' ? null : v)}
              allowDeselect={false}
              w={160}
            />
          )}
          {!review && !shared && (
            <Switch
              label={t('records.reviewDueOnly')}
              checked={Boolean(filters.reviewDue)}
              onChange={(e) => update('reviewDue', e.currentTarget.checked ? 'true' : null)}
              mb={8}
            />
          )}
        </Group>
      </Paper>
      <ProblemAlert error={query.error} />
      <DataTable label={review ? t('review.title') : t('records.title')} minWidth={960}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={140}>{t('records.kind')}</Table.Th>
            <Table.Th>{t('records.summary')}</Table.Th>
            <Table.Th w={70}>{t('records.owner')}</Table.Th>
            <Table.Th w={200}>{t('record.policy')}</Table.Th>
            <Table.Th w={130}>{t('record.reviewAt')}</Table.Th>
            {review && writes ? (
              <Table.Th w={200}>{t('common.actions')}</Table.Th>
            ) : (
              <Table.Th w={110}>{t('common.updated')}</Table.Th>
            )}
            <Table.Th w={90}>{t('record.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          <StateRow
            columns={columns}
            loading={query.isPending}
            empty={query.isSuccess && rows.length === 0}
            filtered={Boolean(kind || status || params.get('reviewDue'))}
          >
            {query.isSuccess && rows.length === 0 && review ? (
              <Text c="dimmed" fz="sm">
                {t('review.empty')}
              </Text>
            ) : undefined}
          </StateRow>
          {rows.map((r) => (
            <Table.Tr
              key={r.id}
              className="clickable-row"
              data-testid="record-row"
              onClick={(e) => {
                if ((e.target as HTMLElement).closest('a, button')) return;
                navigate(`/records/${r.id}`);
              }}
            >
              <Table.Td>
                <KindBadge kind={r.kind} />
              </Table.Td>
              <Table.Td className="wrap">
                <Anchor component={Link} to={`/records/${r.id}`} fz="sm">
                  <RecordSummary record={r} />
                </Anchor>
              </Table.Td>
              <Table.Td className="mono">{r.owner}</Table.Td>
              <Table.Td className="wrap">
                <PolicyBadges policy={r.policy} />
              </Table.Td>
              {/* The date, and under it how soon review is due: the table fits a laptop's width. */}
              <Table.Td className="wrap">
                <DateTime value={r.reviewAt} dateOnly />
                <ReviewBadge reviewAt={r.reviewAt} />
              </Table.Td>
              {review && writes ? (
                <Table.Td>
                  {r.status !== 'deleted' && (
                    <Group gap={4} wrap="nowrap">
                      <Button
                        size="compact-sm"
                        variant="light"
                        leftSection={<IconCalendarPlus size={14} />}
                        onClick={() => setExtending(r)}
                        data-testid="queue-extend"
                      >
                        {t('review.extend')}
                      </Button>
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        color="gray"
                        leftSection={<IconHourglassLow size={14} />}
                        onClick={() => setLapsing(r)}
                        data-testid="queue-lapse"
                      >
                        {t('review.letLapse')}
                      </Button>
                    </Group>
                  )}
                </Table.Td>
              ) : (
                <Table.Td>
                  <DateTime value={r.updatedAt} dateOnly />
                </Table.Td>
              )}
              <Table.Td>
                <RecordStatusBadge status={r.status} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </DataTable>
      <LoadMore
        count={rows.length}
        hasMore={Boolean(query.hasNextPage)}
        loading={query.isFetchingNextPage}
        onLoad={() => void query.fetchNextPage()}
      />
      {extending && <ExtendModal record={extending} opened onClose={() => setExtending(null)} />}
      {lapsing && <LapseModal record={lapsing} onClose={() => setLapsing(null)} />}
    </>
  );
}

/**
 * Letting a record lapse needs no action: on its review date it stops answering searches and is
 * purged after the grace period. An owner who wants it gone at once deletes it, with a reason.
 */
function LapseModal({ record, onClose }: { record: RecordItem; onClose: () => void }) {
  const { t } = useTranslation();
  const [deleting, setDeleting] = useState(false);
  if (deleting) return <DeleteModal record={record} opened onClose={onClose} />;
  return (
    <ConfirmLapse
      record={record}
      onClose={onClose}
      onDeleteNow={() => setDeleting(true)}
      title={t('review.lapseTitle')}
    />
  );
}

function ConfirmLapse({
  record,
  onClose,
  onDeleteNow,
  title,
}: {
  record: RecordItem;
  onClose: () => void;
  onDeleteNow: () => void;
  title: string;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened onClose={onClose} title={title} centered>
      <Stack gap="sm">
        <Text fz="sm">
          <RecordSummary record={record} />
        </Text>
        <Text fz="sm">
          {t('review.lapseBody')} <DateTime value={record.reviewAt} />.
        </Text>
        <Text fz="xs" c="dimmed">
          {t('review.lapseDeleteHelp')}
        </Text>
        <Group justify="flex-end" gap="xs">
          <Button variant="light" color="red" onClick={onDeleteNow} data-testid="lapse-delete-now">
            {t('review.deleteNow')}
          </Button>
          <Button onClick={onClose} data-testid="lapse-ok">
            {t('review.keepLapsing')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
