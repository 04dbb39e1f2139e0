import {
  Badge,
  Button,
  Group,
  Modal,
  MultiSelect,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPencil } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, unwrap } from '../../api/client';
import { useMe } from '../../auth/session';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/problem';
import { DataTable, StateRow } from '../../components/tables';
import { countryName, DateTime } from '../../i18n/format';
import { useAgencies } from '../messaging/queries';
import { type ContactPoint, POWERS, useContactPoints } from './queries';

interface Entry {
  agency: string;
  unitName: string;
  phone: string;
  email: string;
  languages: string[];
  hours: string;
  powers: string[];
  onCallName: string;
  onCallPhone: string;
  notes: string;
}

function entryOf(point: ContactPoint | undefined, agency: string): Entry {
  return {
    agency: point?.agency ?? agency,
    unitName: point?.unitName ?? '',
    phone: point?.phone ?? '',
    email: point?.email ?? '',
    languages: point?.languages ?? [],
    hours: point?.hours ?? '24/7',
    powers: point?.powers ?? [],
    onCallName: point?.onCallName ?? '',
    onCallPhone: point?.onCallPhone ?? '',
    notes: point?.notes ?? '',
  };
}

const LANGUAGES = ['ar', 'de', 'en', 'es', 'fr', 'hi', 'it', 'ja', 'ko', 'nl', 'pt', 'ru', 'sw', 'tr', 'zh'];

/** The 24/7 directory: every country's point of contact; each bureau keeps its own entry. */
export function DirectoryPage() {
  const { t } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const points = useContactPoints();
  const agencies = useAgencies();
  const [editOpen, edit] = useDisclosure(false);
  const own = points.data?.items.find((p) => p.country === me.agency.country);
  const [entry, setEntry] = useState<Entry>(entryOf(undefined, me.agency.code));
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.PUT('/api/v1/contact-points/{country}', {
          params: { path: { country: me.agency.country ?? '' } },
          body: {
            agency: entry.agency,
            unitName: entry.unitName,
            phone: entry.phone,
            email: entry.email || null,
            languages: entry.languages,
            hours: entry.hours,
            powers: entry.powers as never,
            onCallName: entry.onCallName || null,
            onCallPhone: entry.onCallPhone || null,
            notes: entry.notes || null,
          },
        }),
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['contact-points'] });
      edit.close();
    },
  });
  const error = save.error instanceof ApiError ? save.error : null;
  const canEdit = me.can('urgent:manage') && me.agency.country !== null && me.agency.kind !== 'secretariat';
  const ownAgencies = (agencies.data ?? []).filter(
    (a) => a.country === me.agency.country && (a.kind === 'bureau' || a.kind === 'unit'),
  );
  const set = <K extends keyof Entry>(key: K, value: Entry[K]) => setEntry((e) => ({ ...e, [key]: value }));
  const rows = points.data?.items ?? [];
  return (
    <>
      <PageHeader
        title={t('urgent.directoryTitle')}
        description={t('urgent.directoryDescription')}
        actions={
          canEdit && (
            <Button
              leftSection={<IconPencil size={16} />}
              onClick={() => {
                setEntry(entryOf(own, me.agency.code));
                edit.open();
              }}
              data-testid="edit-contact-point"
            >
              {t('urgent.editOwn', { country: countryName(me.agency.country) })}
            </Button>
          )
        }
      />
      <ProblemAlert error={points.error} />
      <DataTable label={t('urgent.directoryTitle')} minWidth={1100}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={170}>{t('urgent.country')}</Table.Th>
            <Table.Th>{t('urgent.unit')}</Table.Th>
            <Table.Th w={200}>{t('urgent.contact')}</Table.Th>
            <Table.Th w={120}>{t('urgent.hours')}</Table.Th>
            <Table.Th w={110}>{t('urgent.languages')}</Table.Th>
            <Table.Th>{t('urgent.powers')}</Table.Th>
            <Table.Th w={130}>{t('common.updated')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          <StateRow columns={7} loading={points.isPending} empty={points.isSuccess && rows.length === 0} />
          {rows.map((p) => (
            <Table.Tr key={p.country} data-testid="contact-point-row" data-country={p.country}>
              <Table.Td>
                <span className="mono">{p.country}</span> {countryName(p.country)}
              </Table.Td>
              <Table.Td className="wrap">
                <Text fz="sm" fw={500}>
                  {p.unitName}
                </Text>
                <Text fz="xs" c="dimmed" className="mono">
                  {p.agency}
                </Text>
              </Table.Td>
              <Table.Td dir="ltr">
                <Text fz="sm">{p.phone}</Text>
                {p.email && <Text fz="xs">{p.email}</Text>}
                {p.onCallName && (
                  <Text fz="xs" c="dimmed">
                    {t('urgent.onCall')}: {p.onCallName} {p.onCallPhone}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{p.hours}</Table.Td>
              <Table.Td className="mono">{p.languages.join(', ')}</Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {p.powers.map((power) => (
                    <Badge key={power} size="xs" radius="sm" variant="light" color="navy" tt="none">
                      {t(`urgent.powerNames.${power}`)}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>
                <DateTime value={p.updatedAt} dateOnly />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </DataTable>
      <Modal
        opened={editOpen}
        onClose={edit.close}
        title={t('urgent.editOwn', { country: countryName(me.agency.country) })}
        size="lg"
      >
        <Stack gap="sm">
          <Select
            label={t('urgent.unit')}
            data={ownAgencies.map((a) => ({ value: a.code, label: `${a.code} — ${a.name}` }))}
            value={entry.agency}
            onChange={(v) => v && set('agency', v)}
            allowDeselect={false}
            error={error?.fieldError('agency')}
          />
          <TextInput
            label={t('urgent.unitName')}
            value={entry.unitName}
            onChange={(e) => set('unitName', e.currentTarget.value)}
            required
            error={error?.fieldError('unitName')}
            data-testid="unit-name"
          />
          <Group grow>
            <TextInput
              label={t('urgent.phone')}
              value={entry.phone}
              onChange={(e) => set('phone', e.currentTarget.value)}
              required
              dir="ltr"
              error={error?.fieldError('phone')}
              placeholder="+254 20 000 0000"
              data-testid="phone"
            />
            <TextInput
              label={t('urgent.email')}
              value={entry.email}
              onChange={(e) => set('email', e.currentTarget.value)}
              dir="ltr"
              error={error?.fieldError('email')}
            />
          </Group>
          <Group grow>
            <TextInput
              label={t('urgent.hours')}
              value={entry.hours}
              onChange={(e) => set('hours', e.currentTarget.value)}
              required
              error={error?.fieldError('hours')}
            />
            <MultiSelect
              label={t('urgent.languages')}
              data={LANGUAGES}
              value={entry.languages}
              onChange={(v) => set('languages', v)}
              searchable
              required
              error={error?.fieldError('languages')}
              data-testid="languages"
            />
          </Group>
          <MultiSelect
            label={t('urgent.powers')}
            data={POWERS.map((p) => ({ value: p, label: t(`urgent.powerNames.${p}`) }))}
            value={entry.powers}
            onChange={(v) => set('powers', v)}
            error={error?.fieldError('powers')}
          />
          <Group grow>
            <TextInput
              label={t('urgent.onCallName')}
              value={entry.onCallName}
              onChange={(e) => set('onCallName', e.currentTarget.value)}
            />
            <TextInput
              label={t('urgent.onCallPhone')}
              value={entry.onCallPhone}
              onChange={(e) => set('onCallPhone', e.currentTarget.value)}
              dir="ltr"
              error={error?.fieldError('onCallPhone')}
            />
          </Group>
          <Textarea
            label={t('urgent.notes')}
            value={entry.notes}
            onChange={(e) => set('notes', e.currentTarget.value)}
            autosize
            minRows={2}
          />
          <ProblemAlert error={save.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={edit.close}>
              {t('common.cancel')}
            </Button>
            <Button onClick={() => save.mutate()} loading={save.isPending} data-testid="save-contact-point">
              {t('urgent.save')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
