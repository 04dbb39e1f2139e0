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
import { filled, useFocusFirstInvalid } from '../../components/forms';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/problem';
import { countryName, formatNumber } from '../../i18n/format';
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
  // Every required field left empty is marked at once, before anything is sent.
  const [tried, setTried] = useState(false);
  const [formRef, focusFirstInvalid] = useFocusFirstInvalid();
  const missing = new Set([
    ...(to ? [] : ['to']),
    ...FORM_FIELDS[type].filter((f) => !f.optional && !f.yesNo && !filled(fields[f.name])).map((f) => f.name),
  ]);
  const required = (name: string) => (tried && missing.has(name) ? t('common.required') : undefined);
  const fieldError = (name: string) =>
    required(name) ?? error?.fieldError(`form/${name}`) ?? error?.fieldError(name);
  // The server's field errors named as the form's labels in the banner.
  const labels: Record<string, string> = {
    to: t('urgent.country'),
    type: t('urgent.type'),
    caseRef: t('messaging.fields.caseRef'),
    priority: t('messaging.fields.priority'),
    ...Object.fromEntries(FORM_FIELDS[type].map((f) => [`form/${f.name}`, t(`urgent.fields.${f.name}`)])),
  };

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
    if (missing.size > 0) {
      setTried(true);
      focusFirstInvalid();
      return;
    }
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
        onError: focusFirstInvalid,
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
      <form ref={formRef} onSubmit={submit} noValidate>
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
                  error={fieldError('to')}
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
        {tried && missing.size > 0 && (
          <Alert color="red" variant="light" role="alert" mt="md" data-testid="form-missing">
            {t('common.missing', { count: missing.size, formatted: formatNumber(missing.size) })}
          </Alert>
        )}
        {create.error && (
          <div style={{ marginTop: 12 }}>
            <ProblemAlert error={create.error} labels={labels} />
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
