import {
  Alert,
  Anchor,
  Breadcrumbs,
  Button,
  Card,
  Checkbox,
  Group,
  MultiSelect,
  NumberInput,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError, api, unwrap } from '../../api/client';
import { useMe } from '../../auth/session';
import { CountryCodeInput } from '../../components/CountryCodeInput';
import { useFocusFirstInvalid } from '../../components/forms';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/problem';
import { RecordSummary } from '../records/RecordSummary';
import { AudienceEditor, audienceDraft, audienceFromDraft, type Kind } from './AudienceEditor';
import { TypeBadge } from './display';
import { NoticePhotos } from './NoticePhotos';
import {
  dataPointer,
  type FieldSpec,
  type Notice,
  type NoticeTypeSpec,
  useNotice,
  useNoticeTypes,
} from './queries';
import { type PickedPerson, SubjectPicker } from './SubjectPicker';

type Data = Record<string, unknown>;

interface Subject {
  name: string;
  sex: string;
  dateOfBirth: string;
  nationality: string;
  placeOfBirth: string;
  passport: string;
  passportCountry: string;
}

const emptySubject = (): Subject => ({
  name: '',
  sex: '',
  dateOfBirth: '',
  nationality: '',
  placeOfBirth: '',
  passport: '',
  passportCountry: '',
});

function subjectFrom(notice?: Notice): Subject {
  return subjectOf((notice?.subject as { data?: Record<string, unknown> } | null)?.data);
}

/** The form's particulars of a person record's data. */
function subjectOf(data: Record<string, unknown> | undefined): Subject {
  if (!data) return emptySubject();
  const docs = (data.documents as { number: string; issuingCountry: string }[] | undefined) ?? [];
  return {
    name: (data.names as { full: string }[] | undefined)?.[0]?.full ?? '',
    sex: String(data.sex ?? ''),
    dateOfBirth: String(data.dateOfBirth ?? ''),
    nationality: ((data.nationalities as string[] | undefined) ?? []).join(', '),
    placeOfBirth: String(data.placeOfBirth ?? ''),
    passport: docs[0]?.number ?? '',
    passportCountry: docs[0]?.issuingCountry ?? '',
  };
}

const DEFAULT_STATUS: Record<string, string> = { red: 'wanted', yellow: 'missing', black: 'unidentified' };

/**
 * The person record's data from the form. Of an existing record, the other names, documents
 * and fields are kept: the form shows only the first name and document.
 */
function personData(subject: Subject, type: string, original?: Record<string, unknown>) {
  const names = (original?.names as { full: string }[] | undefined) ?? [];
  const first = names[0]?.full === subject.name.trim() ? names[0] : { full: subject.name.trim() };
  const nationalities = subject.nationality
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map((c) => c.toUpperCase());
  const documents = (original?.documents as Record<string, unknown>[] | undefined) ?? [];
  const firstDocument = subject.passport.trim()
    ? [
        {
          ...(documents[0] ?? { type: 'passport' }),
          number: subject.passport.trim(),
          issuingCountry: (subject.passportCountry || nationalities[0] || '').toUpperCase(),
        },
      ]
    : [];
  const allDocuments = [...firstDocument, ...documents.slice(1)];
  const { documents: _replaced, ...rest } = original ?? {};
  return {
    ...rest,
    names: [first, ...names.slice(1)],
    ...(subject.sex ? { sex: subject.sex } : {}),
    ...(subject.dateOfBirth.trim() ? { dateOfBirth: subject.dateOfBirth.trim() } : {}),
    ...(nationalities.length ? { nationalities } : {}),
    ...(subject.placeOfBirth.trim() ? { placeOfBirth: subject.placeOfBirth.trim() } : {}),
    ...(allDocuments.length ? { documents: allDocuments } : {}),
    status: (original?.status as string | undefined) ?? DEFAULT_STATUS[type] ?? 'suspect',
  };
}

/** Data without the empty strings and empty lists a form leaves behind. */
function cleaned(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(cleaned).filter((v) => v !== undefined);
  if (value && typeof value === 'object') {
    const out: Data = {};
    for (const [k, v] of Object.entries(value)) {
      const c = cleaned(v);
      if (c === undefined || c === '' || (Array.isArray(c) && c.length === 0)) continue;
      out[k] = c;
    }
    return out;
  }
  return value;
}

/** Live validation: the required fields still empty, as pointers into the data. */
function missingRequired(fields: FieldSpec[], data: Data, at = ''): string[] {
  const out: string[] = [];
  for (const f of fields) {
    const v = data[f.key];
    const empty = v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
    if (f.kind === 'group' && Array.isArray(v))
      v.forEach((item, i) => {
        out.push(...missingRequired(f.fields ?? [], item as Data, `${at}/${f.key}/${i}`));
      });
    if (f.required && (empty || (f.mustBe !== undefined && v !== f.mustBe))) out.push(`${at}/${f.key}`);
  }
  return out;
}

function FieldInput({
  field,
  value,
  onChange,
  error,
  pointer,
}: {
  field: FieldSpec;
  value: unknown;
  onChange: (v: unknown) => void;
  error?: string;
  pointer: string;
}) {
  const { t } = useTranslation();
  const label = t(`noticeFields.${field.key}`, { defaultValue: field.label });
  // The notice types' help is English: shown in the interface language where translated.
  const common = {
    label,
    description: field.help ? t(`noticeFieldHelp.${field.key}`, { defaultValue: field.help }) : undefined,
    withAsterisk: field.required,
    error,
    'data-field': pointer,
  };
  switch (field.kind) {
    case 'longtext':
      return (
        <Textarea
          {...common}
          autosize
          minRows={3}
          maxRows={12}
          value={String(value ?? '')}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
    case 'date':
      return (
        <TextInput
          {...common}
          type="date"
          value={String(value ?? '')}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
    case 'country':
      return (
        <CountryCodeInput
          {...common}
          description={common.description}
          value={String(value ?? '')}
          onChange={onChange}
        />
      );
    case 'boolean':
      return (
        <Checkbox
          label={label}
          checked={value === true}
          onChange={(e) => onChange(e.currentTarget.checked)}
          error={error}
          data-field={pointer}
        />
      );
    case 'number':
    case 'integer':
      return (
        <NumberInput
          {...common}
          value={typeof value === 'number' ? value : ''}
          min={field.min}
          max={field.max}
          decimalScale={field.kind === 'integer' ? 0 : 2}
          onChange={(v) => onChange(typeof v === 'number' ? v : undefined)}
        />
      );
    case 'enum':
      return (
        <Select
          {...common}
          data={(field.options ?? []).map((o) => ({
            value: o,
            label: t(`noticeOptions.${o}`, { defaultValue: o }),
          }))}
          value={(value as string | undefined) ?? null}
          onChange={(v) => onChange(v ?? undefined)}
          clearable={!field.required}
        />
      );
    case 'codes':
      return field.options ? (
        <MultiSelect
          {...common}
          data={field.options}
          value={(value as string[] | undefined) ?? []}
          onChange={onChange}
        />
      ) : (
        <TextInput
          {...common}
          value={((value as string[] | undefined) ?? []).join(', ')}
          onChange={(e) =>
            onChange(
              e.currentTarget.value
                .split(/[\s,;]+/)
                .filter(Boolean)
                .map((c) => c.toUpperCase()),
            )
          }
        />
      );
    default:
      return (
        <TextInput
          {...common}
          maxLength={field.maxLength}
          value={String(value ?? '')}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
  }
}

function TypeChooser({ types }: { types: NoticeTypeSpec[] }) {
  const { t } = useTranslation();
  const me = useMe();
  const mine = types.filter((x) => x.requesters.includes(me.agency.kind));
  const diffusible = mine.filter((x) => x.diffusion);
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
        {mine.map((x) => (
          <UnstyledButton
            key={x.type}
            component={Link}
            to={`/notices/new?type=${x.type}`}
            className="screen-tile"
            data-testid={`new-${x.type}`}
          >
            <Stack gap={4}>
              <TypeBadge type={x.type} spec={x} />
              <Text fz="xs" c="dimmed">
                {t(`noticePurposes.${x.type}`, { defaultValue: x.purpose })}
              </Text>
            </Stack>
          </UnstyledButton>
        ))}
      </SimpleGrid>
      {diffusible.length > 0 && (
        <Stack gap={6} data-testid="diffusion-choices">
          <Text fz="sm" fw={600}>
            {t('notices.form.orDiffusion')}
          </Text>
          <Text fz="xs" c="dimmed">
            {t('notices.audience.help.diffusion')}
          </Text>
          <Group gap="xs">
            {diffusible.map((x) => (
              <Button
                key={x.type}
                component={Link}
                to={`/notices/new?type=${x.type}&kind=diffusion`}
                size="compact-sm"
                variant="light"
                data-testid={`new-diffusion-${x.type}`}
              >
                {t(`noticeTypes.${x.type}`, { defaultValue: x.title })}
              </Button>
            ))}
          </Group>
        </Stack>
      )}
      {mine.length === 0 && <Text c="dimmed">{t('notices.form.noTypes')}</Text>}
    </Stack>
  );
}

export function NoticeFormPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const [params] = useSearchParams();
  const types = useNoticeTypes();
  const existing = useNotice(id);
  const typeCode = existing.data?.type ?? params.get('type');
  const spec = types.data?.types.find((x) => x.type === typeCode);
  const kind: Kind =
    existing.data?.kind ?? (params.get('kind') === 'diffusion' && spec?.diffusion ? 'diffusion' : 'notice');
  const crumbs = (
    <Breadcrumbs separator="›" fz="sm">
      <Anchor component={Link} to="/notices" fz="sm">
        {t('notices.title')}
      </Anchor>
      <Text fz="sm">
        {id
          ? t('notices.form.edit')
          : kind === 'diffusion'
            ? t('notices.form.newDiffusion')
            : t('notices.form.new')}
      </Text>
    </Breadcrumbs>
  );
  if (types.error || existing.error) return <ProblemAlert error={types.error ?? existing.error} />;
  if (!types.data || (id && !existing.data))
    return <PageHeader title={t('notices.form.new')} above={crumbs} />;
  if (!spec)
    return (
      <>
        <PageHeader title={t('notices.form.new')} description={t('notices.form.chooseType')} above={crumbs} />
        <TypeChooser types={types.data.types} />
      </>
    );
  return (
    <NoticeForm
      key={existing.data?.id ?? `${kind}-${spec.type}`}
      spec={spec}
      kind={kind}
      notice={existing.data}
      crumbs={crumbs}
    />
  );
}

function NoticeForm({
  spec,
  kind,
  notice,
  crumbs,
}: {
  spec: NoticeTypeSpec;
  kind: Kind;
  notice?: Notice;
  crumbs: React.ReactNode;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  const queryClient = useQueryClient();
  const [data, setData] = useState<Data>(
    () =>
      (notice?.data as Data | undefined) ??
      (spec.fields.some((f) => f.key === 'warrants') ? { warrants: [{}] } : {}),
  );
  const [subject, setSubject] = useState<Subject>(() => subjectFrom(notice));
  const [recordId, setRecordId] = useState<string | null>(notice?.subjectRecordId ?? null);
  // A new person record made with the request, or one of the agency's records already there
  // (found by name). A request that has its subject shows that record.
  const [source, setSource] = useState<'new' | 'existing'>(notice?.subjectRecordId ? 'existing' : 'new');
  // The chosen record's summary and data (a notice's subject is a snapshot of both), to say it
  // in the reader's language.
  const [chosen, setChosen] = useState<{ summary: string; data: unknown } | null>(() => {
    const snapshot = notice?.subject as { summary?: unknown; data?: unknown } | null | undefined;
    return typeof snapshot?.summary === 'string' ? { summary: snapshot.summary, data: snapshot.data } : null;
  });
  // A request saved by an earlier try (its submission refused): the next try edits it rather
  // than making another draft, and writes the subject again only if it changed.
  const [savedId, setSavedId] = useState<string | null>(notice?.id ?? null);
  // The subject's record as last read or written, and the form's particulars of it: the
  // record is written only when the officer changed them (its other names, documents and
  // fields are kept).
  const original = useRef<Record<string, unknown> | undefined>(
    (notice?.subject as { data?: Record<string, unknown> } | null)?.data,
  );
  const written = useRef<string>(JSON.stringify(subjectFrom(notice)));
  const startAgain = (next: 'new' | 'existing') => {
    setSource(next);
    setRecordId(null);
    setChosen(null);
    setSubject(emptySubject());
    original.current = undefined;
    written.current = JSON.stringify(emptySubject());
  };
  const pick = (person: PickedPerson) => {
    const particulars = subjectOf(person.data);
    setRecordId(person.id);
    setChosen({ summary: person.summary, data: person.data });
    setSubject(particulars);
    original.current = person.data;
    written.current = JSON.stringify(particulars);
  };
  const [consent, setConsent] = useState(notice?.publicExtract ?? false);
  const [audience, setAudience] = useState(() => audienceDraft(kind, notice?.audience ?? undefined));
  const [tried, setTried] = useState(false);
  const hasSubject =
    spec.subject === 'person' || spec.subject === 'person-optional' || spec.subject === 'assets';
  const set = (key: string, value: unknown) => setData((d) => ({ ...d, [key]: value }));

  const save = useMutation({
    mutationFn: async (submit: boolean) => {
      // The subject first: a person record of the agency (one request, one transaction each).
      let subjectRecordId = recordId;
      let createdNow: string | null = null;
      if (hasSubject && subject.name.trim()) {
        const body = personData(subject, spec.type, original.current);
        const text = JSON.stringify(subject);
        if (subjectRecordId) {
          if (text !== written.current) {
            await unwrap(
              api.PATCH('/api/v1/records/{id}', {
                params: { path: { id: subjectRecordId } },
                body: { data: body, reason: 'Notice request' },
              }),
            );
            original.current = body;
          }
          written.current = text;
        } else if (source === 'new') {
          const created = await unwrap(
            api.POST('/api/v1/records', {
              // Seen by the requesting agency only: the request reaches others through review
              // (a notice) or to the members chosen (a diffusion), as a snapshot of this record —
              // a record open to all would reach every member at once, refused or not.
              body: {
                kind: 'person',
                data: body,
                policy: { visibility: 'allow', agencies: [me.agency.code] },
              },
            }),
          );
          subjectRecordId = created.id;
          createdNow = created.id;
          written.current = text;
          original.current = body;
          setRecordId(created.id);
        }
      }
      const payload = {
        data: cleaned(data) as Data,
        ...(spec.publicExtract && kind === 'notice' ? { publicExtract: consent } : {}),
        ...(subjectRecordId ? { subjectRecordId } : {}),
        audience: audienceFromDraft(audience, notice?.audience ?? undefined),
      };
      const saved = savedId
        ? await unwrap(
            api.PATCH('/api/v1/notices/{id}', { params: { path: { id: savedId } }, body: payload }),
          )
        : await unwrap(
            api.POST(kind === 'diffusion' ? '/api/v1/diffusions' : '/api/v1/notices', {
              body: { type: spec.type as never, ...payload },
            }),
          ).catch(async (error: unknown) => {
            // The person was recorded for this request only: with no request saved, it must not
            // stay behind as a wanted person other countries find. (The next try records it again.)
            if (createdNow) {
              await api.DELETE('/api/v1/records/{id}', {
                params: { path: { id: createdNow }, query: { reason: 'Notice request not saved' } },
              });
              setRecordId(null);
              original.current = undefined;
              written.current = JSON.stringify(emptySubject());
            }
            throw error;
          });
      setSavedId(saved.id);
      if (!submit) return saved;
      const path = { params: { path: { id: saved.id } } };
      return unwrap(
        kind === 'diffusion'
          ? api.POST('/api/v1/diffusions/{id}/circulate', path)
          : api.POST('/api/v1/notices/{id}/submit', path),
      );
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: ['notices'] });
      queryClient.setQueryData(['notice', saved.id], saved);
      navigate(`/notices/${saved.id}`);
    },
  });
  const error = save.error instanceof ApiError ? save.error : null;
  const missing = new Set(missingRequired(spec.fields, data));
  const errorAt = (pointer: string) => {
    const server = error?.errors.find((e) => dataPointer(e.field) === pointer)?.message;
    return server ?? (tried && missing.has(pointer) ? t('notices.form.required') : undefined);
  };
  const audienceError = (pointer: string) =>
    error?.errors.find((e) => e.field.startsWith(`/body/audience${pointer}`))?.message;
  // The subject's required particulars left empty: marked and counted like the rest. They do
  // not stop the request being saved: the server checks the person record when it is
  // submitted, and the draft is kept (see the notices browser test).
  // An existing record to be chosen: until one is, the record is what is missing.
  const choosing = hasSubject && source === 'existing' && !recordId;
  const subjectMissing = new Set(
    choosing
      ? spec.subject === 'person'
        ? ['record']
        : []
      : hasSubject
        ? spec.subjectRequires.filter(
            (field) =>
              !(subject as unknown as Record<string, string>)[
                field === 'names' ? 'name' : field === 'nationalities' ? 'nationality' : field
              ]?.trim(),
          )
        : [],
  );
  const subjectError = (field: string) =>
    error?.errors.find((e) => e.field === `/subject/${field}` || e.field.startsWith(`/body/data/${field}`))
      ?.message ?? (tried && subjectMissing.has(field) ? t('notices.form.required') : undefined);
  const recordError =
    error?.errors.find((e) => e.field === '/body/subjectRecordId' || e.field === '/subjectRecordId')
      ?.message ?? (tried && subjectMissing.has('record') ? t('notices.subjectRecord.required') : undefined);
  const missingCount = missing.size + subjectMissing.size;
  const [formRef, focusFirstInvalid] = useFocusFirstInvalid();

  const run = (submit: boolean) => {
    setTried(submit);
    if (submit && missing.size > 0) {
      focusFirstInvalid();
      return;
    }
    save.mutate(submit, { onError: focusFirstInvalid });
  };

  return (
    <>
      <PageHeader
        title={
          <Group gap="sm">
            <TypeBadge type={spec.type} spec={spec} />{' '}
            {notice
              ? `${t('notices.form.edit')} ${notice.reference}`
              : kind === 'diffusion'
                ? t('notices.form.newDiffusion')
                : t('notices.form.new')}
          </Group>
        }
        description={t(`noticePurposes.${spec.type}`, { defaultValue: spec.purpose })}
        above={crumbs}
      />
      {notice?.status === 'returned' && notice.review && (
        <Alert color="orange" mb="md" title={t('notices.detail.returnedTitle')} data-testid="returned-reason">
          {String((notice.review as { reason?: string }).reason ?? '')}
        </Alert>
      )}
      <form
        ref={formRef}
        id="notice-form"
        onSubmit={(e) => {
          e.preventDefault();
          run(true);
        }}
      >
        <Stack gap="md">
          {hasSubject && (
            <Card withBorder radius="md" p="md">
              <Title order={2} fz="h5" mb="sm" id="subject-title">
                {t('notices.form.subject')}
              </Title>
              <Radio.Group
                value={source}
                onChange={(v) => startAgain(v as 'new' | 'existing')}
                label={t('notices.subjectRecord.source')}
                mb="sm"
                data-testid="subject-source"
              >
                <Group gap="lg" mt={6}>
                  <Radio value="new" label={t('notices.subjectRecord.new')} data-testid="subject-new" />
                  <Radio
                    value="existing"
                    label={t('notices.subjectRecord.existing')}
                    data-testid="subject-existing"
                  />
                </Group>
              </Radio.Group>
              {choosing ? (
                <SubjectPicker onPick={pick} error={recordError} />
              ) : (
                <>
                  {source === 'existing' && recordId && (
                    <Alert color="blue" variant="light" mb="sm" data-testid="subject-chosen">
                      <Group justify="space-between" gap="xs">
                        <Text fz="sm">
                          {t('notices.subjectRecord.chosen')}{' '}
                          <Anchor component={Link} to={`/records/${recordId}`} target="_blank" fw={600}>
                            {chosen ? (
                              <RecordSummary record={{ kind: 'person', ...chosen }} />
                            ) : (
                              <bdi>{recordId}</bdi>
                            )}
                          </Anchor>
                        </Text>
                        <Button
                          type="button"
                          size="compact-sm"
                          variant="default"
                          onClick={() => startAgain('existing')}
                          data-testid="subject-change"
                        >
                          {t('notices.subjectRecord.change')}
                        </Button>
                      </Group>
                      {recordError && (
                        <Text c="red" fz="sm" mt={4} role="alert">
                          {recordError}
                        </Text>
                      )}
                    </Alert>
                  )}
                  <SimpleGrid cols={{ base: 1, md: 3 }} spacing="sm">
                    <TextInput
                      label={t('notices.form.name')}
                      description={t('notices.form.nameHelp')}
                      // Help under the field, so that the row's inputs line up.
                      inputWrapperOrder={['label', 'input', 'description', 'error']}
                      withAsterisk={spec.subjectRequires.includes('names')}
                      value={subject.name}
                      onChange={(e) => setSubject({ ...subject, name: e.currentTarget.value })}
                      error={subjectError('names')}
                    />
                    <Select
                      label={t('notices.form.sex')}
                      data={['M', 'F', 'U'].map((s) => ({ value: s, label: t(`notices.sex.${s}`) }))}
                      value={subject.sex || null}
                      onChange={(v) => setSubject({ ...subject, sex: v ?? '' })}
                      withAsterisk={spec.subjectRequires.includes('sex')}
                      error={subjectError('sex')}
                    />
                    <TextInput
                      label={t('notices.form.dateOfBirth')}
                      placeholder="YYYY-MM-DD"
                      value={subject.dateOfBirth}
                      onChange={(e) => setSubject({ ...subject, dateOfBirth: e.currentTarget.value })}
                      withAsterisk={spec.subjectRequires.includes('dateOfBirth')}
                      error={subjectError('dateOfBirth')}
                    />
                    <TextInput
                      label={t('notices.form.nationality')}
                      // Several nationalities are possible: "KE, SO".
                      description={t('fieldHelp.countries')}
                      inputWrapperOrder={['label', 'input', 'description', 'error']}
                      value={subject.nationality}
                      onChange={(e) =>
                        setSubject({ ...subject, nationality: e.currentTarget.value.toUpperCase() })
                      }
                      className="mono-input"
                      withAsterisk={spec.subjectRequires.includes('nationalities')}
                      error={subjectError('nationalities')}
                    />
                    <TextInput
                      label={t('notices.form.placeOfBirth')}
                      value={subject.placeOfBirth}
                      onChange={(e) => setSubject({ ...subject, placeOfBirth: e.currentTarget.value })}
                    />
                    <Group grow gap="xs" align="flex-start">
                      <TextInput
                        label={t('notices.form.passport')}
                        value={subject.passport}
                        onChange={(e) => setSubject({ ...subject, passport: e.currentTarget.value })}
                      />
                      <TextInput
                        label={t('notices.form.passportCountry')}
                        maxLength={2}
                        value={subject.passportCountry}
                        onChange={(e) =>
                          setSubject({ ...subject, passportCountry: e.currentTarget.value.toUpperCase() })
                        }
                      />
                    </Group>
                  </SimpleGrid>
                  <Text fz="xs" c="dimmed" mt="xs">
                    {source === 'existing'
                      ? t('notices.subjectRecord.existingHelp')
                      : t('notices.form.subjectHelp')}
                  </Text>
                </>
              )}
            </Card>
          )}
          <Card withBorder radius="md" p="md">
            <Stack gap="sm">
              {spec.fields.map((field) =>
                field.kind === 'group' ? (
                  <GroupInput
                    key={field.key}
                    field={field}
                    items={(data[field.key] as Data[] | undefined) ?? []}
                    onChange={(items) => set(field.key, items)}
                    errorAt={errorAt}
                  />
                ) : (
                  <FieldInput
                    key={field.key}
                    field={field}
                    pointer={`/${field.key}`}
                    value={data[field.key]}
                    onChange={(v) => set(field.key, v)}
                    error={errorAt(`/${field.key}`)}
                  />
                ),
              )}
              {spec.publicExtract && kind === 'notice' && (
                <Checkbox
                  label={t('notices.form.consent')}
                  description={t('notices.form.consentHelp')}
                  checked={consent}
                  onChange={(e) => setConsent(e.currentTarget.checked)}
                />
              )}
            </Stack>
          </Card>
          <AudienceEditor kind={kind} value={audience} onChange={setAudience} errorAt={audienceError} />
          {tried && missingCount > 0 && (
            <Alert color="red" role="alert" data-testid="form-missing" data-count={missingCount}>
              {t('notices.form.missing', { count: missingCount })}
            </Alert>
          )}
          <ProblemAlert error={save.error} />
          <Group justify="flex-end">
            <Button
              variant="default"
              onClick={() => run(false)}
              loading={save.isPending && !tried}
              data-testid="save-draft"
            >
              {t('notices.form.saveDraft')}
            </Button>
            <Button type="submit" loading={save.isPending && tried} data-testid="submit-request">
              {kind === 'diffusion' ? t('notices.actions.circulate') : t('notices.form.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
      {/* Photographs belong to a saved request: added here once it is, or on its page. */}
      {notice?.actions.includes('edit') ? (
        <NoticePhotos notice={notice} />
      ) : (
        hasSubject && (
          <Text fz="sm" c="dimmed" mt="md" data-testid="photos-after-save">
            {t('notices.photos.afterSave')}
          </Text>
        )
      )}
    </>
  );
}

function GroupInput({
  field,
  items,
  onChange,
  errorAt,
}: {
  field: FieldSpec;
  items: Data[];
  onChange: (items: Data[]) => void;
  errorAt: (pointer: string) => string | undefined;
}) {
  const { t } = useTranslation();
  const label = t(`noticeFields.${field.key}`, { defaultValue: field.label });
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Text fw={600} fz="sm">
          {label}
          {field.required ? ' *' : ''}
        </Text>
        <Button
          size="compact-sm"
          variant="light"
          leftSection={<IconPlus size={14} />}
          onClick={() => onChange([...items, {}])}
        >
          {t('notices.form.add')}
        </Button>
      </Group>
      {errorAt(`/${field.key}`) && (
        <Text c="red" fz="xs">
          {errorAt(`/${field.key}`)}
        </Text>
      )}
      {items.map((item, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: items are edited in place by position
        <Card key={i} withBorder radius="sm" p="sm" data-testid={`${field.key}-item`}>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
            {(field.fields ?? []).map((sub) => (
              <FieldInput
                key={sub.key}
                field={sub}
                pointer={`/${field.key}/${i}/${sub.key}`}
                value={item[sub.key]}
                error={errorAt(`/${field.key}/${i}/${sub.key}`)}
                onChange={(v) => onChange(items.map((it, j) => (j === i ? { ...it, [sub.key]: v } : it)))}
              />
            ))}
          </SimpleGrid>
          <Group justify="flex-end" mt="xs">
            <Button
              size="compact-sm"
              variant="subtle"
              color="red"
              leftSection={<IconTrash size={14} />}
              onClick={() => onChange(items.filter((_, j) => j !== i))}
            >
              {t('notices.form.remove')}
            </Button>
          </Group>
        </Card>
      ))}
    </Stack>
  );
}
