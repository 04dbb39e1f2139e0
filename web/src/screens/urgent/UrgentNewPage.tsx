import {
  Alert,
  Anchor,
  Breadcrumbs,
  Button,
  Card,
  Grid,
  Group,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconSend } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../../api/client';
import { useMe } from '../../auth/session';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/problem';
import { countryName } from '../../i18n/format';
import { useAgencies } from '../messaging/queries';
import { FORM_FIELDS, URGENT_TYPES, type UrgentType, useContactPoints, useCreateUrgent } from './queries';

/** A structured urgent request to another country's 24/7 point of contact. */
export function UrgentNewPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const agencies = useAgencies();
  const contactPoints = useContactPoints();
  const create = useCreateUrgent();
  const [type, setType] = useState<UrgentType>('preservation');
  const [to, setTo] = useState<string | null>(null);
  const [priority, setPriority] = useState<'urgent' | 'flash'>('urgent');
  const [caseRef, setCaseRef] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({ mlaToFollow: 'yes' });
  const error = create.error instanceof ApiError ? create.error : null;
  const fieldError = (name: string) => error?.fieldError(`form/${name}`) ?? error?.fieldError(name);

  const countries = useMemo(() => {
    const points = new Map((contactPoints.data?.items ?? []).map((c) => [c.country, c]));
    return (agencies.data ?? [])
      .filter((a) => a.kind === 'bureau' && a.country && a.country !== me.agency.country)
      .map((a) => {
        const point = points.get(a.country!);
        return {
          value: a.country!,
          label: `${a.country} — ${countryName(a.country)}${point ? ` · ${point.unitName}` : ` · ${t('urgent.noContactPoint')}`}`,
        };
      });
  }, [agencies.data, contactPoints.data, me.agency.country, t]);
  const point = contactPoints.data?.items.find((c) => c.country === to);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const form: Record<string, string> = {};
    for (const f of FORM_FIELDS[type]) {
      const value = (fields[f.name] ?? '').trim();
      if (value) form[f.name] = value;
    }
    create.mutate(
      { type, to: to ?? '', priority, form, ...(caseRef ? { caseRef } : {}) },
      {
        onSuccess: (request) => {
          notifications.show({
            color: 'teal',
            message: t('urgent.created', { reference: request.reference }),
          });
          navigate(`/urgent/${request.id}`);
        },
      },
    );
  };

  return (
    <>
      <PageHeader
        above={
          <Breadcrumbs separator="›" fz="sm">
            <Anchor component={Link} to="/urgent" fz="sm">
              {t('urgent.title')}
            </Anchor>
            <Text fz="sm">{t('urgent.new')}</Text>
          </Breadcrumbs>
        }
        title={t('urgent.newTitle')}
        description={t('urgent.newDescription')}
      />
      <form onSubmit={submit} noValidate>
        <Grid gutter="md">
          <Grid.Col span={{ base: 12, lg: 8 }}>
            <Card withBorder radius="md" p="md">
              <Stack gap="sm">
                <Select
                  label={t('urgent.type')}
                  data={URGENT_TYPES.map((v) => ({ value: v, label: t(`urgent.types.${v}`) }))}
                  value={type}
                  onChange={(v) => v && setType(v as UrgentType)}
                  allowDeselect={false}
                  data-testid="urgent-type"
                />
                <Text fz="xs" c="dimmed">
                  {t(`urgent.typeHelp.${type}`)}
                </Text>
                {FORM_FIELDS[type].map((f) =>
                  f.yesNo ? (
                    <Select
                      key={f.name}
                      label={t(`urgent.fields.${f.name}`)}
                      data={[
                        { value: 'yes', label: t('common.yes') },
                        { value: 'no', label: t('common.no') },
                      ]}
                      value={fields[f.name] ?? 'yes'}
                      onChange={(v) => setFields((x) => ({ ...x, [f.name]: v ?? 'yes' }))}
                      allowDeselect={false}
                      error={fieldError(f.name)}
                    />
                  ) : f.long ? (
                    <Textarea
                      key={f.name}
                      label={t(`urgent.fields.${f.name}`)}
                      required={!f.optional}
                      value={fields[f.name] ?? ''}
                      onChange={(e) => {
                        const value = e.currentTarget.value;
                        setFields((x) => ({ ...x, [f.name]: value }));
                      }}
                      autosize
                      minRows={2}
                      error={fieldError(f.name)}
                      dir="auto"
                      data-field={f.name}
                    />
                  ) : (
                    <TextInput
                      key={f.name}
                      label={t(`urgent.fields.${f.name}`)}
                      required={!f.optional}
                      value={fields[f.name] ?? ''}
                      onChange={(e) => {
                        const value = e.currentTarget.value;
                        setFields((x) => ({ ...x, [f.name]: value }));
                      }}
                      error={fieldError(f.name)}
                      dir="auto"
                      data-field={f.name}
                    />
                  ),
                )}
              </Stack>
            </Card>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 4 }}>
            <Card withBorder radius="md" p="md">
              <Stack gap="sm">
                <Select
                  label={t('urgent.country')}
                  data={countries}
                  value={to}
                  onChange={setTo}
                  searchable
                  required
                  error={error?.fieldError('to')}
                  data-testid="urgent-country"
                />
                {point && (
                  <Alert color="gray" variant="light" p="xs" data-testid="contact-point">
                    <Text fz="sm" fw={600}>
                      {point.unitName}
                    </Text>
                    <Text fz="xs" dir="ltr">
                      {point.phone} {point.email ? `· ${point.email}` : ''}
                    </Text>
                    <Text fz="xs">
                      {t('urgent.hours')}: {point.hours} · {t('urgent.languages')}:{' '}
                      {point.languages.join(', ')}
                    </Text>
                    {/* Worth knowing before sending at 3 a.m.: the request may come back refused. */}
                    {!(point.powers as string[]).includes(type) && (
                      <Text
                        fz="xs"
                        c="var(--mantine-color-orange-light-color)"
                        fw={600}
                        data-testid="no-power"
                      >
                        {t('urgent.noPower', { type: t(`urgent.types.${type}`) })}
                      </Text>
                    )}
                  </Alert>
                )}
                <div>
                  <Text fz="sm" fw={500} mb={4} id="urgent-priority">
                    {t('messaging.fields.priority')}
                  </Text>
                  <SegmentedControl
                    fullWidth
                    aria-labelledby="urgent-priority"
                    data={[
                      { value: 'urgent', label: t('messaging.priority.urgent') },
                      { value: 'flash', label: t('messaging.priority.flash') },
                    ]}
                    value={priority}
                    onChange={(v) => setPriority(v as 'urgent' | 'flash')}
                    color={priority === 'flash' ? 'red.9' : 'navy'}
                  />
                </div>
                <TextInput
                  label={t('messaging.fields.caseRef')}
                  value={caseRef}
                  onChange={(e) => setCaseRef(e.currentTarget.value)}
                  className="mono-input"
                  dir="ltr"
                />
                <Text fz="xs" c="dimmed">
                  {t('urgent.encryptedNote')}
                </Text>
              </Stack>
            </Card>
          </Grid.Col>
        </Grid>
        {create.error && (
          <div style={{ marginTop: 12 }}>
            <ProblemAlert error={create.error} />
          </div>
        )}
        <Group justify="flex-end" mt="md">
          <Button variant="default" component={Link} to="/urgent">
            {t('common.cancel')}
          </Button>
          <Button
            type="submit"
            color="red"
            leftSection={<IconSend size={16} />}
            loading={create.isPending}
            data-testid="send-urgent"
          >
            {t('urgent.send')}
          </Button>
        </Group>
      </form>
    </>
  );
}
