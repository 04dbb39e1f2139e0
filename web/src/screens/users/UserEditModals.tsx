import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, type User, unwrap } from '../../api/client';
import { ProblemAlert } from '../../components/problem';
import { GeneratedPasswordField, NameAndEmailFields } from './fields';
import { generatePassword } from './roles';

/**
 * An administrator sets a new password for a user who lost theirs: generated here, shown
 * once to be passed on by another channel; the server ends the user's sessions and clears
 * a lockout (POST /users/{id}/password).
 */
export function SetPasswordModal({
  user,
  opened,
  onClose,
}: {
  user: User;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [password, setPassword] = useState(() => generatePassword());
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/users/{id}/password', { params: { path: { id: user.id } }, body: { password } }),
      ),
    onSuccess: () => {
      notifications.show({ color: 'teal', message: t('users.passwordSet', { username: user.username }) });
      close();
    },
  });
  const close = () => {
    save.reset();
    setPassword(generatePassword());
    onClose();
  };
  const error = save.error instanceof ApiError ? save.error : null;
  return (
    <Modal opened={opened} onClose={close} title={t('users.setPasswordTitle', { username: user.username })}>
      <form
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="sm">
          <Text fz="sm">{t('users.setPasswordHelp')}</Text>
          <GeneratedPasswordField
            label={t('users.newPassword')}
            value={password}
            onChange={setPassword}
            error={error?.fieldError('password')}
            testId="new-password"
          />
          {error && !error.fieldError('password') && <ProblemAlert error={save.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button
              type="submit"
              loading={save.isPending}
              disabled={!password}
              data-testid="confirm-password"
            >
              {t('users.setPassword')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** An administrator corrects a user's name or e-mail address (PATCH /users/{id}). */
export function EditDetailsModal({
  user,
  opened,
  onClose,
  onSaved,
}: {
  user: User;
  opened: boolean;
  onClose: () => void;
  onSaved: (user: User) => void;
}) {
  const { t } = useTranslation();
  const [displayName, setDisplayName] = useState(user.displayName);
  const [email, setEmail] = useState(user.email ?? '');
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.PATCH('/api/v1/users/{id}', {
          params: { path: { id: user.id } },
          body: { displayName: displayName.trim(), email: email.trim() || null },
        }),
      ),
    onSuccess: (updated) => {
      onSaved(updated);
      notifications.show({ color: 'teal', message: t('users.detailsSaved') });
      onClose();
    },
  });
  const error = save.error instanceof ApiError ? save.error : null;
  return (
    <Modal opened={opened} onClose={onClose} title={t('users.editDetailsTitle', { username: user.username })}>
      <form
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="sm">
          <NameAndEmailFields
            displayName={displayName}
            email={email}
            onDisplayName={setDisplayName}
            onEmail={setEmail}
            error={error}
            nameTestId="edit-display-name"
          />
          {error && !error.fieldError('displayName') && !error.fieldError('email') && (
            <ProblemAlert error={save.error} />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button
              type="submit"
              loading={save.isPending}
              disabled={!displayName.trim()}
              data-testid="save-details"
            >
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
