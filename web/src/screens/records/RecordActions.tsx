import { Button, Group, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, unwrap } from '../../api/client';
import { ProblemAlert } from '../../components/problem';
import { formatDate } from '../../i18n/format';
import type { RecordItem } from './queries';

/** After a change: the record, its history and the lists that show it are fresh again. */
export function useStoreRecord() {
  const queryClient = useQueryClient();
  return (updated: RecordItem) => {
    queryClient.setQueryData(['record', updated.id], updated);
    void queryClient.invalidateQueries({ queryKey: ['record-history', updated.id] });
    void queryClient.invalidateQueries({ queryKey: ['records'] });
  };
}

/** Confirms the record is still needed: a reason, and optionally the new review date. */
export function ExtendModal({
  record,
  opened,
  onClose,
}: {
  record: RecordItem;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const store = useStoreRecord();
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState('');
  const mutation = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/records/{id}/extend', {
          params: { path: { id: record.id } },
          body: {
            reason: reason.trim(),
            ...(until ? { until: new Date(`${until}T12:00:00Z`).toISOString() } : {}),
          },
        }),
      ),
    onSuccess: (updated) => {
      store(updated);
      notifications.show({
        color: 'teal',
        message: t('record.extended', { date: formatDate(updated.reviewAt) }),
      });
      setReason('');
      setUntil('');
      onClose();
    },
  });
  const error = mutation.error instanceof ApiError ? mutation.error : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate();
  };
  return (
    <Modal
      opened={opened}
      onClose={() => {
        mutation.reset();
        onClose();
      }}
      title={t('record.extendTitle')}
      centered
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text fz="sm">{t('record.extendBody', { date: formatDate(record.reviewAt) })}</Text>
          <Textarea
            label={t('record.reason')}
            description={t('record.extendReasonHelp')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            required
            autosize
            minRows={2}
            error={error?.fieldError('reason')}
            data-testid="extend-reason"
            data-autofocus
          />
          <TextInput
            type="date"
            label={t('record.until')}
            description={t('record.untilHelp')}
            value={until}
            onChange={(e) => setUntil(e.currentTarget.value)}
            error={error?.fieldError('until')}
            w={220}
          />
          {!error?.errors.length && <ProblemAlert error={mutation.error} />}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button
              type="submit"
              loading={mutation.isPending}
              disabled={reason.trim().length < 3}
              data-testid="extend-submit"
            >
              {t('record.extend')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Deletion is a recorded act: it takes a reason. */
export function DeleteModal({
  record,
  opened,
  onClose,
  onDeleted,
}: {
  record: RecordItem;
  opened: boolean;
  onClose: () => void;
  onDeleted?: () => void;
}) {
  const { t } = useTranslation();
  const store = useStoreRecord();
  const [reason, setReason] = useState('');
  const mutation = useMutation({
    mutationFn: () =>
      unwrap(
        api.DELETE('/api/v1/records/{id}', {
          params: { path: { id: record.id }, query: { reason: reason.trim() } },
        }),
      ),
    onSuccess: (updated) => {
      store(updated);
      notifications.show({ color: 'teal', message: t('record.deleted') });
      setReason('');
      onClose();
      onDeleted?.();
    },
  });
  return (
    <Modal opened={opened} onClose={onClose} title={t('record.deleteTitle')} centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          mutation.mutate();
        }}
        noValidate
      >
        <Stack gap="sm">
          <Text fz="sm">{t('record.deleteBody')}</Text>
          <Textarea
            label={t('record.reason')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            required
            autosize
            minRows={2}
            data-testid="delete-reason"
            data-autofocus
          />
          <ProblemAlert error={mutation.error} />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button
              type="submit"
              color="red"
              loading={mutation.isPending}
              disabled={reason.trim().length < 3}
              data-testid="delete-submit"
            >
              {t('record.delete')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Mutes or unmutes the record's hit notifications (not a new version). */
export function useToggleMute(record: RecordItem | undefined) {
  const { t } = useTranslation();
  const store = useStoreRecord();
  return useMutation({
    mutationFn: () =>
      unwrap(
        api.PATCH('/api/v1/records/{id}', {
          params: { path: { id: record!.id } },
          body: { notificationsMuted: !record!.notificationsMuted },
        }),
      ),
    onSuccess: (updated) => {
      store(updated);
      notifications.show({
        color: 'teal',
        message: updated.notificationsMuted ? t('record.mutedDone') : t('record.unmutedDone'),
      });
    },
  });
}

/** How far away a review date is: overdue, due (within six months) or fine. */
export function reviewState(reviewAt: string, now = Date.now()): 'overdue' | 'due' | 'ok' {
  const at = Date.parse(reviewAt);
  if (at <= now) return 'overdue';
  if (at - now <= 182 * 86_400_000) return 'due';
  return 'ok';
}
