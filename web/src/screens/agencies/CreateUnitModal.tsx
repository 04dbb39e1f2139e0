import { Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Agency, ApiError, api, unwrap } from '../../api/client';
import { ProblemAlert } from '../../components/problem';
import { useAgencies } from './queries';

/** Creates a unit (KE-CYBER) under a bureau: fixed for agency admins, chosen by network admins. */
export function CreateUnitModal({
  opened,
  onClose,
  parent,
  onCreated,
}: {
  opened: boolean;
  onClose: () => void;
  parent?: Pick<Agency, 'code' | 'name'> | undefined;
  onCreated?: (agency: Agency) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [parentCode, setParentCode] = useState<string | null>(parent?.code ?? null);
  const [suffix, setSuffix] = useState('');
  const [name, setName] = useState('');
  const bureaus = useAgencies({ kind: 'bureau', status: 'active' }, 500, opened && !parent);
  const chosenParent = parent?.code ?? parentCode;

  const mutation = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/agencies', {
          body: {
            code: `${chosenParent}-${suffix}`,
            name: name.trim(),
            kind: 'unit',
            parentCode: chosenParent!,
          },
        }),
      ),
    onSuccess: (agency) => {
      void queryClient.invalidateQueries({ queryKey: ['agencies'] });
      notifications.show({ color: 'teal', message: t('agencies.created', { code: agency.code }) });
      setSuffix('');
      setName('');
      onClose();
      onCreated?.(agency);
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate();
  };
  const error = mutation.error instanceof ApiError ? mutation.error : null;
  const options = (bureaus.data?.pages.flatMap((p) => p.items) ?? []).map((b) => ({
    value: b.code,
    label: `${b.code} — ${b.name}`,
  }));

  return (
    <Modal
      opened={opened}
      onClose={() => {
        mutation.reset();
        onClose();
      }}
      title={t('agencies.createUnit')}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('agencies.createUnitHelp')}
          </Text>
          {parent ? (
            <TextInput label={t('agencies.parent')} value={`${parent.code} — ${parent.name}`} readOnly />
          ) : (
            <Select
              label={t('agencies.parent')}
              data={[{ value: 'SECRETARIAT', label: 'SECRETARIAT' }, ...options]}
              value={parentCode}
              onChange={setParentCode}
              searchable
              required
              error={error?.fieldError('parentCode')}
            />
          )}
          <TextInput
            label={t('agencies.code')}
            description={t('agencies.codeHelp')}
            leftSection={
              <Text fz="sm" c="dimmed" className="mono" dir="ltr">
                {chosenParent ?? '…'}-
              </Text>
            }
            leftSectionWidth={chosenParent ? 16 + chosenParent.length * 10 : 40}
            value={suffix}
            onChange={(e) => setSuffix(e.currentTarget.value.toUpperCase().replace(/[^A-Z0-9-]/g, ''))}
            required
            maxLength={30}
            error={error?.fieldError('code')}
            data-testid="unit-code"
          />
          <TextInput
            label={t('agencies.name')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            required
            error={error?.fieldError('name')}
          />
          {mutation.error && !error?.errors.length && <ProblemAlert error={mutation.error} />}
          <Group justify="flex-end" gap="xs" mt="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button
              type="submit"
              loading={mutation.isPending}
              disabled={!chosenParent || !suffix || name.trim().length < 2}
            >
              {t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
