import { Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, unwrap } from '../../api/client';
import { ProblemAlert } from '../../components/problem';

/** Changes my password; the server ends my other sessions. */
export function ChangePasswordModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const mutation = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/v1/auth/password', { body: { currentPassword: current, newPassword: next } })),
    onSuccess: () => {
      notifications.show({ color: 'teal', message: t('password.changed') });
      void queryClient.invalidateQueries({ queryKey: ['sessions'] });
      close();
    },
  });
  const error = mutation.error instanceof ApiError ? mutation.error : null;
  const close = () => {
    setCurrent('');
    setNext('');
    setAgain('');
    mutation.reset();
    onClose();
  };
  const mismatch = again.length > 0 && again !== next;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!mismatch) mutation.mutate();
  };
  return (
    <Modal opened={opened} onClose={close} title={t('password.title')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('password.help')}
          </Text>
          <PasswordInput
            label={t('password.current')}
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.currentTarget.value)}
            required
            error={error?.fieldError('currentPassword')}
          />
          <PasswordInput
            label={t('password.new')}
            description={t('password.rules')}
            autoComplete="new-password"
            value={next}
            onChange={(e) => setNext(e.currentTarget.value)}
            required
            error={error?.fieldError('newPassword')}
          />
          <PasswordInput
            label={t('password.again')}
            autoComplete="new-password"
            value={again}
            onChange={(e) => setAgain(e.currentTarget.value)}
            required
            error={mismatch ? t('password.mismatch') : undefined}
          />
          {mutation.error && !error?.errors.length && <ProblemAlert error={mutation.error} />}
          <Group justify="flex-end" gap="xs" mt="xs">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button
              type="submit"
              loading={mutation.isPending}
              disabled={!current || next.length < 12 || next !== again}
            >
              {t('password.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
