import {
  Button,
  Checkbox,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AgencyKind, ApiError, api, type Role, type User, unwrap } from '../../api/client';
import { useMe } from '../../auth/session';
import { useFocusFirstInvalid } from '../../components/forms';
import { ProblemAlert } from '../../components/problem';
import { useAgencies } from '../agencies/queries';
import { GeneratedPasswordField, NameAndEmailFields } from './fields';
import { generatePassword, grantableRoles } from './roles';

/** Creates a user in my agency (bureau admins: or one of its units; network admins: anywhere). */
export function CreateUserModal({
  opened,
  onClose,
  onCreated,
}: {
  opened: boolean;
  onClose: () => void;
  onCreated?: (user: User) => void;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [agency, setAgency] = useState<string>(me.agency.code);
  const [roles, setRoles] = useState<Role[]>(['officer']);
  const [password, setPassword] = useState(() => generatePassword());
  const [mfaRequired, setMfaRequired] = useState(true);

  const choosesAgency = me.isNetworkAdmin || me.agency.kind === 'bureau';
  const agencies = useAgencies(
    me.isNetworkAdmin ? {} : { parent: me.agency.code },
    500,
    opened && choosesAgency,
  );
  const agencyOptions = useMemo(() => {
    const list = agencies.data?.pages.flatMap((p) => p.items) ?? [];
    const options = list.map((a) => ({ value: a.code, label: `${a.code} — ${a.name}`, kind: a.kind }));
    if (!options.some((o) => o.value === me.agency.code)) {
      options.unshift({
        value: me.agency.code,
        label: `${me.agency.code} — ${me.agency.name}`,
        kind: me.agency.kind,
      });
    }
    return options;
  }, [agencies.data, me.agency]);
  const kind: AgencyKind = agencyOptions.find((o) => o.value === agency)?.kind ?? me.agency.kind;
  const available = grantableRoles(me, kind);

  const reset = () => {
    setUsername('');
    setDisplayName('');
    setEmail('');
    setRoles(['officer']);
    setPassword(generatePassword());
    setMfaRequired(true);
    setTried(false);
  };

  const mutation = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/users', {
          body: {
            username: username.trim().toLowerCase(),
            displayName: displayName.trim(),
            ...(email.trim() ? { email: email.trim() } : {}),
            agency,
            roles: roles.filter((r) => available.includes(r)),
            password,
            ...(me.isNetworkAdmin ? { mfaRequired } : {}),
          },
        }),
      ),
    onSuccess: (user) => {
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      notifications.show({ color: 'teal', message: t('users.created', { username: user.username }) });
      reset();
      onClose();
      onCreated?.(user);
    },
  });
  const error = mutation.error instanceof ApiError ? mutation.error : null;
  // The button stays enabled: a refused submit marks what is missing at its field (a
  // disabled button would not say why) and takes the officer to the first of them.
  const [tried, setTried] = useState(false);
  const [formRef, focusFirstInvalid] = useFocusFirstInvalid();
  const missing = {
    username: !username.trim(),
    displayName: !displayName.trim(),
    roles: roles.filter((r) => available.includes(r)).length === 0,
    password: !password,
  };
  const required = (field: keyof typeof missing) =>
    tried && missing[field] ? t('common.required') : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (Object.values(missing).some(Boolean)) {
      setTried(true);
      focusFirstInvalid();
      return;
    }
    mutation.mutate(undefined, { onError: focusFirstInvalid });
  };

  return (
    <Modal
      opened={opened}
      onClose={() => {
        mutation.reset();
        setTried(false);
        onClose();
      }}
      title={t('users.create')}
      size="lg"
    >
      <form ref={formRef} onSubmit={submit} noValidate>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              label={t('users.username')}
              description={t('users.usernameHelp')}
              value={username}
              onChange={(e) => setUsername(e.currentTarget.value.toLowerCase())}
              required
              autoCapitalize="none"
              spellCheck={false}
              error={
                required('username') ??
                error?.fieldError('username') ??
                (error?.slug === 'conflict' ? t('users.usernameTaken') : undefined)
              }
              data-testid="new-username"
            />
            <NameAndEmailFields
              displayName={displayName}
              email={email}
              onDisplayName={setDisplayName}
              onEmail={setEmail}
              error={error}
              nameHelp={t('users.displayNameHelp')}
              nameTestId="new-display-name"
              nameMissing={required('displayName')}
            />
            {choosesAgency ? (
              <Select
                label={t('users.agency')}
                data={agencyOptions.map(({ value, label }) => ({ value, label }))}
                value={agency}
                onChange={(v) => v && setAgency(v)}
                searchable
                allowDeselect={false}
                error={error?.fieldError('agency')}
              />
            ) : (
              <TextInput label={t('users.agency')} value={`${me.agency.code} — ${me.agency.name}`} readOnly />
            )}
          </SimpleGrid>
          <Checkbox.Group
            label={t('users.roles')}
            value={roles}
            onChange={(v) => setRoles(v as Role[])}
            error={required('roles') ?? error?.fieldError('roles')}
            required
          >
            <SimpleGrid cols={{ base: 2, sm: 3 }} spacing={6} mt={6}>
              {available.map((role) => (
                <Checkbox key={role} value={role} label={t(`roles.${role}`)} size="sm" />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          <GeneratedPasswordField
            label={t('users.initialPassword')}
            description={t('users.initialPasswordHelp')}
            value={password}
            onChange={setPassword}
            error={required('password') ?? error?.fieldError('password')}
          />
          {me.isNetworkAdmin && (
            <Switch
              label={t('users.mfaRequired')}
              description={t('users.mfaRequiredHelp')}
              checked={mfaRequired}
              onChange={(e) => setMfaRequired(e.currentTarget.checked)}
            />
          )}
          {mutation.error && !error?.errors.length && error?.slug !== 'conflict' && (
            <ProblemAlert error={mutation.error} />
          )}
          <Text fz="xs" c="dimmed">
            {t('users.createAudit')}
          </Text>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending} data-testid="create-user-submit">
              {t('users.createSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
