import {
  Alert,
  Anchor,
  Breadcrumbs,
  Button,
  Card,
  Checkbox,
  Grid,
  Group,
  Image,
  Modal,
  MultiSelect,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { IconPrinter } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, api, unwrap } from '../../api/client';
import { ConfirmModal } from '../../components/ConfirmModal';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/problem';
import { DateTime, formatDate } from '../../i18n/format';
import { AudienceSummary } from './AudienceEditor';
import { Findings, NoticeStatusBadge, TypeBadge } from './display';
import { NoticePhotos } from './NoticePhotos';
import { PublicExtractBadge, PublicPreviewCard } from './PublicPreview';
import {
  type FieldSpec,
  type Finding,
  type Notice,
  type NoticeTypeSpec,
  useNotice,
  useNoticeEvents,
  useNoticeHistory,
  useNoticeTypes,
} from './queries';

function show(field: FieldSpec, value: unknown, t: TFunction): string {
  if (value === undefined || value === null || value === '') return '—';
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (Array.isArray(value))
    return value.map((v) => t(`noticeOptions.${v}`, { defaultValue: String(v) })).join(', ');
  if (field.kind === 'enum') return t(`noticeOptions.${value}`, { defaultValue: String(value) });
  return String(value);
}

function Rows({ rows }: { rows: [string, string][] }) {
  return (
    <Table fz="sm" verticalSpacing={4} withRowBorders={false}>
      <Table.Tbody>
        {rows.map(([k, v]) => (
          <Table.Tr key={k}>
            <Table.Th w="38%" fw={500} c="dimmed">
              {k}
            </Table.Th>
            <Table.Td style={{ whiteSpace: 'pre-wrap' }}>
              <bdi>{v}</bdi>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** The request's content: subject and the type's fields (the left side of the review screen). */
function NoticeData({ notice, spec }: { notice: Notice; spec: NoticeTypeSpec }) {
  const { t } = useTranslation();
  const subject = (notice.subject as { data?: Record<string, unknown> } | null)?.data;
  const label = (f: FieldSpec) => t(`noticeFields.${f.key}`, { defaultValue: f.label });
  return (
    <Stack gap="md" data-testid="notice-data">
      {subject && (
        <Card withBorder radius="md" p="md">
          <Group align="flex-start" wrap="nowrap">
            <Stack gap={4} style={{ flex: 1 }}>
              <Title order={2} fz="h5">
                {t('notices.form.subject')}
              </Title>
              <Rows
                rows={[
                  [
                    t('notices.form.name'),
                    ((subject.names as { full: string }[] | undefined) ?? []).map((n) => n.full).join(' · '),
                  ],
                  [t('notices.form.sex'), subject.sex ? t(`notices.sex.${String(subject.sex)}`) : '—'],
                  [t('notices.form.dateOfBirth'), String(subject.dateOfBirth ?? '—')],
                  [
                    t('notices.form.nationality'),
                    ((subject.nationalities as string[] | undefined) ?? []).join(', ') || '—',
                  ],
                  ...(subject.placeOfBirth
                    ? ([[t('notices.form.placeOfBirth'), String(subject.placeOfBirth)]] as [string, string][])
                    : []),
                  ...(
                    (subject.documents as { number: string; issuingCountry: string }[] | undefined) ?? []
                  ).map(
                    (d) =>
                      [t('notices.form.passport'), `${d.number} (${d.issuingCountry})`] as [string, string],
                  ),
                ]}
              />
            </Stack>
            {notice.images[0] && (
              <Image
                src={`/api/v1/notices/${notice.id}/images/${notice.images[0].pictureId}`}
                alt={t('notices.detail.photo')}
                w={120}
                radius="sm"
                data-testid="notice-photo"
              />
            )}
          </Group>
        </Card>
      )}
      <Card withBorder radius="md" p="md">
        <Title order={2} fz="h5" mb="xs">
          {spec.title}
        </Title>
        {spec.fields.map((f) => {
          const value = notice.data[f.key];
          if (value === undefined) return null;
          if (f.kind === 'group' && Array.isArray(value))
            return (
              <Stack key={f.key} gap={4} mb="sm">
                <Text fw={600} fz="sm">
                  {label(f)}
                </Text>
                {value.map((item, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: items have no id
                  <Card key={i} withBorder p="xs" radius="sm">
                    <Rows
                      rows={(f.fields ?? [])
                        .filter((s) => (item as Record<string, unknown>)[s.key] !== undefined)
                        .map((s) => [label(s), show(s, (item as Record<string, unknown>)[s.key], t)])}
                    />
                  </Card>
                ))}
              </Stack>
            );
          return <Rows key={f.key} rows={[[label(f), show(f, value, t)]]} />;
        })}
      </Card>
    </Stack>
  );
}

function ReviewPanel({ notice, spec, grounds }: { notice: Notice; spec: NoticeTypeSpec; grounds: string[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [checklist, setChecklist] = useState<Record<string, boolean>>({});
  const [chosen, setChosen] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  const decide = useMutation({
    mutationFn: (decision: string) =>
      notice.kind === 'diffusion'
        ? unwrap(
            api.POST('/api/v1/diffusions/{id}/review', {
              params: { path: { id: notice.id } },
              body: {
                decision: decision as never,
                checklist,
                grounds: chosen as never,
                ...(reason ? { reason } : {}),
              },
            }),
          )
        : unwrap(
            api.POST('/api/v1/notices/{id}/review', {
              params: { path: { id: notice.id } },
              body: {
                decision: decision as never,
                checklist,
                grounds: chosen as never,
                ...(reason ? { reason } : {}),
              },
            }),
          ),
    onSuccess: (saved) => {
      queryClient.setQueryData(['notice', notice.id], saved);
      void queryClient.invalidateQueries({ queryKey: ['notices'] });
      void queryClient.invalidateQueries({ queryKey: ['notice-history', notice.id] });
    },
  });
  const errorOf = (field: string) =>
    (decide.error as { errors?: { field: string; message: string }[] } | null)?.errors?.find(
      (e) => e.field === field,
    )?.message;
  // A confirmed diffusion may still be withdrawn: only what the server offers is shown.
  const decisions = (
    notice.kind === 'diffusion' ? ['confirm', 'withdraw'] : ['publish', 'return', 'refuse']
  ).filter((d) => notice.actions.includes(d));
  const confirming = decisions.includes('confirm') || decisions.includes('publish');
  // Publishing this one also puts a person's extract before the public: said, and confirmed.
  const goesPublic = notice.publicExtractState === 'on-publication';
  const [confirmPublic, setConfirmPublic] = useState(false);
  return (
    <Card withBorder radius="md" p="md" data-testid="review-panel">
      <Stack gap="sm">
        <Title order={2} fz="h5">
          {confirming ? t('notices.review.checklist') : t('notices.review.withdraw')}
        </Title>
        {!confirming && <Text size="sm">{t('notices.review.withdrawConfirmed')}</Text>}
        {confirming &&
          spec.checklist.map((c) => (
            <Checkbox
              key={c.key}
              // The notice types' checklist is English: shown in the interface language where translated.
              label={t(`noticeChecklist.${c.key}.label`, { defaultValue: c.label })}
              description={t(`noticeChecklist.${c.key}.help`, { defaultValue: c.help })}
              checked={checklist[c.key] === true}
              onChange={(e) => setChecklist({ ...checklist, [c.key]: e.currentTarget.checked })}
              error={errorOf(`/body/checklist/${c.key}`)}
              data-testid={`check-${c.key}`}
            />
          ))}
        <MultiSelect
          label={t('notices.review.grounds')}
          data={grounds.map((g) => ({ value: g, label: t(`noticeGrounds.${g}`, { defaultValue: g }) }))}
          value={chosen}
          onChange={setChosen}
          error={errorOf('/body/grounds')}
          searchable
        />
        <Textarea
          label={t('notices.review.reason')}
          description={t('notices.review.reasonHelp')}
          autosize
          minRows={3}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={errorOf('/body/reason')}
        />
        <ProblemAlert error={decide.error} />
        <Group>
          {decisions.map((d) => (
            <Button
              key={d}
              // Dark enough for white text to reach WCAG AA's 4.5:1 (teal 5.0, this orange 5.2; at
              // the theme's shade they were 3.9 and 3.6).
              color={d === 'publish' || d === 'confirm' ? 'teal.9' : d === 'return' ? '#c2410c' : 'red'}
              onClick={() => (d === 'publish' && goesPublic ? setConfirmPublic(true) : decide.mutate(d))}
              loading={decide.isPending && decide.variables === d}
              data-testid={`decide-${d}`}
            >
              {t(`notices.review.${d}`)}
            </Button>
          ))}
        </Group>
      </Stack>
      <ConfirmModal
        opened={confirmPublic}
        onClose={() => setConfirmPublic(false)}
        title={t('publicNotices.confirm.title')}
        confirmLabel={t('publicNotices.confirm.action')}
        color="teal.9"
        // The panel shows what the server refuses, at its fields (an unconfirmed checklist).
        onConfirm={async () => decide.mutate('publish')}
      >
        {t('publicNotices.confirm.body')}
      </ConfirmModal>
    </Card>
  );
}

function ActionModal({
  notice,
  action,
  reasons,
  onClose,
}: {
  notice: Notice;
  action: string;
  reasons: string[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState(action === 'cancel' ? (reasons[0] ?? '') : '');
  const [note, setNote] = useState('');
  const run = useMutation({
    mutationFn: () => {
      const path = { params: { path: { id: notice.id } } };
      if (action === 'cancel')
        return unwrap(
          api.POST('/api/v1/notices/{id}/cancel', {
            ...path,
            body: { reason: reason as never, ...(note ? { note } : {}) },
          }),
        );
      if (action === 'extend')
        return unwrap(api.POST('/api/v1/notices/{id}/extend', { ...path, body: { reason: note } }));
      if (action === 'suspend')
        return unwrap(api.POST('/api/v1/notices/{id}/suspend', { ...path, body: { reason: note } }));
      if (action === 'remove-public-extract')
        return unwrap(
          api.POST('/api/v1/notices/{id}/remove-public-extract', { ...path, body: { reason: note } }),
        );
      return unwrap(api.POST('/api/v1/notices/{id}/reinstate', { ...path, body: { reason: note } }));
    },
    onSuccess: (saved) => {
      queryClient.setQueryData(['notice', notice.id], saved);
      void queryClient.invalidateQueries({ queryKey: ['notices'] });
      void queryClient.invalidateQueries({ queryKey: ['notice-history', notice.id] });
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title={t(`notices.actions.${action}`)}>
      <Stack>
        {action === 'reinstate' && notice.publicExtractState === 'removed' && (
          <Alert color="blue" variant="light" data-testid="reinstate-public">
            {t('publicNotices.confirm.reinstate')}
          </Alert>
        )}
        {action === 'remove-public-extract' && (
          <Alert color="blue" variant="light" data-testid="remove-public-help">
            {t('notices.actions.removePublicHelp')}
          </Alert>
        )}
        {action === 'cancel' && (
          <Select
            label={t('notices.actions.cancelReason')}
            data={reasons.map((r) => ({ value: r, label: t(`noticeCancel.${r}`, { defaultValue: r }) }))}
            value={reason}
            onChange={(v) => setReason(v ?? '')}
            allowDeselect={false}
          />
        )}
        <Textarea
          label={t('notices.actions.note')}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          autosize
          minRows={2}
          data-autofocus
        />
        <ProblemAlert error={run.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => run.mutate()} loading={run.isPending} data-testid="confirm-action">
            {t(`notices.actions.${action}`)}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function NoticeDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const query = useNotice(id);
  useNoticeEvents();
  const types = useNoticeTypes();
  const queryClient = useQueryClient();
  const [modal, setModal] = useState<string | null>(null);
  const simple = useMutation({
    mutationFn: (action: string) => {
      const path = { params: { path: { id: id! } } };
      if (action === 'submit') return unwrap(api.POST('/api/v1/notices/{id}/submit', path));
      if (action === 'circulate') return unwrap(api.POST('/api/v1/diffusions/{id}/circulate', path));
      return unwrap(api.POST('/api/v1/notices/{id}/start-review', path));
    },
    onSuccess: (saved) => {
      queryClient.setQueryData(['notice', id], saved);
      void queryClient.invalidateQueries({ queryKey: ['notices'] });
      void queryClient.invalidateQueries({ queryKey: ['notice-history', id] });
    },
  });
  const notice = query.data;
  const spec = types.data?.types.find((x) => x.type === notice?.type);
  const crumbs = (
    <Breadcrumbs separator="›" fz="sm">
      <Anchor component={Link} to="/notices" fz="sm">
        {t('notices.title')}
      </Anchor>
      <Text fz="sm">{notice?.reference ?? ''}</Text>
    </Breadcrumbs>
  );
  if (query.error instanceof ApiError && query.error.slug === 'notice-not-in-force') {
    // A member holding a reference (a printout, a link) learns the notice ended, and when.
    const ended = query.error.body as { reference?: string; currentStatus?: string; since?: string };
    return (
      <Alert
        color="red"
        variant="light"
        role="alert"
        title={t(`noticeStatus.${ended.currentStatus ?? ''}`)}
        data-testid="notice-not-in-force"
      >
        {t('notices.notInForce', {
          reference: ended.reference ?? '',
          status: t(`noticeStatus.${ended.currentStatus ?? ''}`).toLowerCase(),
          date: ended.since ? formatDate(ended.since) : '',
        })}
      </Alert>
    );
  }
  if (query.error) return <ProblemAlert error={query.error} />;
  if (!notice || !spec) return <PageHeader title={t('notices.title')} above={crumbs} />;
  const review = notice.review as
    | { decision?: string; reason?: string; grounds?: string[]; reviewer?: string }
    | null
    | undefined;
  const can = (a: string) => notice.actions.includes(a);
  const reviewing =
    notice.access === 'reviewer' &&
    (can('publish') || can('confirm') || (notice.kind === 'diffusion' && can('withdraw')));
  return (
    <>
      <PageHeader
        above={crumbs}
        title={
          <Group gap="sm">
            <TypeBadge type={notice.type} spec={spec} />
            <span data-testid="notice-reference">{notice.reference}</span>
            <NoticeStatusBadge status={notice.status} />
            <PublicExtractBadge state={notice.publicExtractState} />
          </Group>
        }
        description={<bdi>{notice.summary}</bdi>}
        actions={
          <>
            {can('edit') && (
              <Button
                component={Link}
                to={`/notices/${notice.id}/edit`}
                variant="default"
                data-testid="edit-notice"
              >
                {t('notices.actions.edit')}
              </Button>
            )}
            {(can('submit') || can('circulate') || can('start-review')) && (
              <Button
                onClick={() =>
                  simple.mutate(can('submit') ? 'submit' : can('circulate') ? 'circulate' : 'start-review')
                }
                loading={simple.isPending}
                data-testid={can('start-review') ? 'start-review' : 'submit-notice'}
              >
                {t(
                  `notices.actions.${can('submit') ? 'submit' : can('circulate') ? 'circulate' : 'startReview'}`,
                )}
              </Button>
            )}
            {['extend', 'suspend', 'reinstate', 'remove-public-extract', 'cancel'].filter(can).map((a) => (
              <Button
                key={a}
                variant="light"
                color={a === 'cancel' ? 'red' : a === 'remove-public-extract' ? 'orange' : undefined}
                onClick={() => setModal(a)}
                data-testid={`action-${a}`}
              >
                {t(`notices.actions.${a}`)}
              </Button>
            ))}
            <Button
              component="a"
              href={`/api/v1/notices/${notice.id}/pdf`}
              target="_blank"
              variant="default"
              leftSection={<IconPrinter size={16} />}
              data-testid="print-notice"
            >
              {t('notices.actions.print')}
            </Button>
          </>
        }
      />
      <ProblemAlert error={simple.error} />
      {notice.status === 'submitted' && notice.access === 'requester' && (
        <Alert color="blue" mb="md" data-testid="processing">
          {t('notices.detail.processing')}
        </Alert>
      )}
      {review &&
        (notice.status === 'returned' || notice.status === 'refused' || notice.status === 'withdrawn') && (
          <Alert
            color={notice.status === 'returned' ? 'orange' : 'red'}
            mb="md"
            title={t(`notices.detail.${notice.status}Title`)}
            data-testid="review-outcome"
          >
            <Text fz="sm">{review.reason}</Text>
            {review.grounds && review.grounds.length > 0 && (
              <Text fz="xs" mt={4}>
                {t('notices.review.grounds')}:{' '}
                {review.grounds.map((g) => t(`noticeGrounds.${g}`, { defaultValue: g })).join(', ')}
              </Text>
            )}
          </Alert>
        )}
      {notice.access !== 'member' && notice.audience && (
        <Group mb="sm">
          <AudienceSummary audience={notice.audience} />
        </Group>
      )}
      <Grid gutter="md">
        <Grid.Col span={{ base: 12, lg: reviewing || notice.findings ? 7 : 12 }}>
          <NoticeData notice={notice} spec={spec} />
        </Grid.Col>
        {(reviewing || notice.findings) && (
          <Grid.Col span={{ base: 12, lg: 5 }}>
            <Stack gap="md">
              {notice.findings && (
                <Card withBorder radius="md" p="md">
                  <Title order={2} fz="h5" mb="xs">
                    {t('notices.review.findings')}
                  </Title>
                  <Findings findings={notice.findings as Finding[]} />
                </Card>
              )}
              {reviewing && (
                <ReviewPanel notice={notice} spec={spec} grounds={types.data?.refusalGrounds ?? []} />
              )}
            </Stack>
          </Grid.Col>
        )}
      </Grid>
      {/* The requester adds and removes photographs while the request is being written. */}
      {can('edit') && <NoticePhotos notice={notice} />}
      <PublicPreviewCard notice={notice} />
      <Card withBorder radius="md" p="md" mt="md">
        <Rows
          rows={[
            [t('notices.detail.requester'), notice.requester],
            [t('notices.detail.validUntil'), notice.validUntil?.slice(0, 10) ?? '—'],
            [t('notices.detail.signature'), notice.signature ? notice.signature.kid : '—'],
          ]}
        />
      </Card>
      <History id={notice.id} />
      {modal && (
        <ActionModal
          notice={notice}
          action={modal}
          reasons={(types.data?.cancelReasons ?? []).filter(
            (r) => (notice.access === 'reviewer') === (r === 'compliance'),
          )}
          onClose={() => setModal(null)}
        />
      )}
    </>
  );
}

function History({ id }: { id: string }) {
  const { t } = useTranslation();
  const history = useNoticeHistory(id);
  return (
    <Card withBorder radius="md" p="md" mt="md">
      <Title order={2} fz="h5" mb="xs">
        {t('notices.detail.history')}
      </Title>
      <Table fz="sm" data-testid="notice-history">
        <Table.Tbody>
          {(history.data?.items ?? []).map((e, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: history entries are in order and never move
            <Table.Tr key={i}>
              <Table.Td w={170}>
                <DateTime value={e.at} />
              </Table.Td>
              <Table.Td w={140}>{t(`noticeActions.${e.action}`, { defaultValue: e.action })}</Table.Td>
              <Table.Td w={160}>{e.actor}</Table.Td>
              <Table.Td>{e.reason ?? ''}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}
