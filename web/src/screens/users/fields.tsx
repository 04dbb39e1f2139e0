import { ActionIcon, TextInput, Tooltip } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../api/client';
import { generatePassword } from './roles';

/** A user's name and e-mail address, as the create and edit dialogs ask for them. */
export function NameAndEmailFields({
  displayName,
  email,
  onDisplayName,
  onEmail,
  error,
  nameHelp,
  nameTestId,
  nameMissing,
}: {
  displayName: string;
  email: string;
  onDisplayName: (value: string) => void;
  onEmail: (value: string) => void;
  error: ApiError | null;
  nameHelp?: string;
  nameTestId: string;
  /** "Required", when a submit found the name empty. */
  nameMissing?: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextInput
        label={t('users.displayName')}
        description={nameHelp}
        value={displayName}
        onChange={(e) => onDisplayName(e.currentTarget.value)}
        required
        error={nameMissing ?? error?.fieldError('displayName')}
        data-testid={nameTestId}
      />
      <TextInput
        label={t('users.email')}
        type="email"
        value={email}
        onChange={(e) => onEmail(e.currentTarget.value)}
        error={error?.fieldError('email')}
      />
    </>
  );
}

/** A password an administrator hands over: generated, shown, another one a click away. */
export function GeneratedPasswordField({
  label,
  description,
  value,
  onChange,
  error,
  testId,
}: {
  label: string;
  description?: string;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <TextInput
      label={label}
      description={description}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      required
      className="mono-input"
      error={error}
      data-testid={testId}
      rightSection={
        <Tooltip label={t('users.generatePassword')}>
          <ActionIcon
            variant="subtle"
            color="gray"
            onClick={() => onChange(generatePassword())}
            aria-label={t('users.generatePassword')}
          >
            <IconRefresh size={16} />
          </ActionIcon>
        </Tooltip>
      }
    />
  );
}
