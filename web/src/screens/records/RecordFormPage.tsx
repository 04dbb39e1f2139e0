import {
  ActionIcon,
  Alert,
  Anchor,
  Breadcrumbs,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError, api, unwrap } from '../../api/client';
import { useMe } from '../../auth/session';
import { CountryCodeInput } from '../../components/CountryCodeInput';
import { useFocusFirstInvalid } from '../../components/forms';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/problem';
import {
  CHAIN_LABELS,
  DOCUMENT_TYPES,
  type FieldSpec,
  KIND_FIELDS,
  KIND_ICONS,
  NAME_TYPES,
  photoFieldOf,
} from './kinds';
import { type PolicyDraft, PolicyEditor, policyDraft, policyFromDraft } from './PolicyEditor';
import { isRecordKind, RECORD_KINDS, type RecordItem, type RecordKindName, useRecord } from './queries';
import { useStoreRecord } from './RecordActions';
import { photoIdsOf, RecordPhotosEditor } from './RecordPhotos';
import { RecordSummary } from './RecordSummary';

interface NameRow {
  full: string;
  type: string;
  script: string;
}
interface DocumentRow {
  number: string;
  type: string;
  issuingCountry: string;
}
interface Draft {
  fields: Record<string, string>;
  names: NameRow[];
  documents: DocumentRow[];
}

const POLICY_FIELDS = [
  'visibility',
  'agencies',
  'countries',
  'handling',
  'handlingNote',
  'evaluation',
  'tlp',
  'purpose',
];

const emptyName = (): NameRow => ({ full: '', type: 'birth', script: '' });
const emptyDocument = (): DocumentRow => ({ number: '', type: 'passport', issuingCountry: '' });

function draftFrom(kind: RecordKindName, data: Record<string, unknown> = {}): Draft {
  const fields: Record<string, string> = {};
  for (const spec of KIND_FIELDS[kind]) {
    const v = data[spec.key];
    if (v === undefined || spec.type === 'names' || spec.type === 'documents') continue;
    if (spec.type === 'countries') fields[spec.key] = (v as string[]).join(', ');
    else if (spec.type === 'lines') fields[spec.key] = (v as string[]).join('\n');
    else fields[spec.key] = String(v);
  }
  const names = ((data.names as NameRow[] | undefined) ?? []).map((n) => ({
    full: n.full,
    type: n.type ?? '',
    script: n.script ?? '',
  }));
  const documents = ((data.documents as DocumentRow[] | undefined) ?? []).map((d) => ({ ...d }));
  return { fields, names: names.length ? names : [emptyName()], documents };
}

/** The data as the API wants it: empty fields left out, lists split, numbers as numbers. */
function dataFrom(kind: RecordKindName, draft: Draft, original: Record<string, unknown> = {}) {
  const data: Record<string, unknown> = {};
  const known = new Set(KIND_FIELDS[kind].map((s) => s.key));
  // Fields the form does not edit (photos, images, names' given/family parts) are kept.
  for (const [k, v] of Object.entries(original)) if (!known.has(k)) data[k] = v;
  for (const spec of KIND_FIELDS[kind]) {
    if (spec.type === 'names') {
      const originals = (original.names as Record<string, unknown>[] | undefined) ?? [];
      data.names = draft.names
        .filter((n) => n.full.trim())
        .map((n, i) => {
          const before = originals[i]?.full === n.full ? originals[i] : {};
          return {
            ...before,
            full: n.full.trim(),
            ...(n.type ? { type: n.type } : {}),
            ...(n.script.trim() ? { script: n.script.trim() } : {}),
          };
        });
      continue;
    }
    if (spec.type === 'documents') {
      const docs = draft.documents
        .filter((d) => d.number.trim() || d.issuingCountry.trim())
        .map((d) => ({
          number: d.number.trim(),
          type: d.type,
          issuingCountry: d.issuingCountry.trim().toUpperCase(),
        }));
      if (docs.length) data.documents = docs;
      continue;
    }
    const raw = draft.fields[spec.key]?.trim() ?? '';
    if (!raw) continue;
    if (spec.type === 'integer') data[spec.key] = Number(raw);
    // "FR, fr" is one country typed twice, not an error to show the officer.
    else if (spec.type === 'countries')
      data[spec.key] = [
        ...new Set(
          raw
            .split(/[\s,;]+/)
            .filter(Boolean)
            .map((c) => c.toUpperCase()),
        ),
      ];
    else if (spec.type === 'lines')
      data[spec.key] = raw
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean);
    else if (spec.type === 'country') data[spec.key] = raw.toUpperCase();
    else data[spec.key] = spec.key === 'mrz' ? (draft.fields[spec.key] ?? '').trim() : raw;
  }
  return data;
}

/** What a private partner may record: threat data (as the server's PARTNER_RECORD_KINDS). */
const PARTNER_KINDS: readonly RecordKindName[] = ['cyber-indicator', 'crypto-wallet', 'financial-account'];

/** Chooses the kind of a new record: those the agency may record. */
function KindChooser() {
  const { t } = useTranslation();
  const me = useMe();
  const kinds = me.agency.kind === 'partner' ? PARTNER_KINDS : RECORD_KINDS;
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
      {kinds.map((kind) => {
        const Icon = KIND_ICONS[kind];
        return (
          <UnstyledButton
            key={kind}
            component={Link}
            to={`/records/new?kind=${kind}`}
            className="screen-tile"
            data-testid={`kind-${kind}`}
          >
            <Group wrap="nowrap" gap="sm" align="flex-start">
              <Icon size={22} stroke={1.6} />
              <div>
                <Text fw={600} fz="sm">
                  {t(`recordKinds.${kind}`)}
                </Text>
                <Text fz="xs" c="dimmed">
                  {t(`recordKindHelp.${kind}`)}
                </Text>
              </div>
            </Group>
          </UnstyledButton>
        );
      })}
    </SimpleGrid>
  );
}

export function RecordFormPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const [params] = useSearchParams();
  const existing = useRecord(id);
  const record = existing.data;
  const kindParam = params.get('kind');
  const kind: RecordKindName | null = record ? record.kind : isRecordKind(kindParam) ? kindParam : null;

  const crumbs = (
    <Breadcrumbs separator="›" fz="sm">
      <Anchor component={Link} to="/records" fz="sm">
        {t('records.title')}
      </Anchor>
      {record && (
        <Anchor component={Link} to={`/records/${record.id}`} fz="sm">
          <RecordSummary record={record} />
        </Anchor>
      )}
      <Text fz="sm">{id ? t('record.edit') : t('records.new')}</Text>
    </Breadcrumbs>
  );
  if (id && existing.error) {
    return (
      <>
        <PageHeader title={t('record.edit')} above={crumbs} />
        <ProblemAlert error={existing.error} />
      </>
    );
  }
  if (id && !record) return <PageHeader title={t('record.edit')} above={crumbs} />;
  if (!kind) {
    return (
      <>
        <PageHeader title={t('records.new')} description={t('records.chooseKind')} above={crumbs} />
        <KindChooser />
      </>
    );
  }
  return <RecordForm key={record?.id ?? kind} kind={kind} record={record} crumbs={crumbs} />;
}

function RecordForm({
  kind,
  record,
  crumbs,
}: {
  kind: RecordKindName;
  record?: RecordItem;
  crumbs: React.ReactNode;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const store = useStoreRecord();
  const [draft, setDraft] = useState<Draft>(() => draftFrom(kind, record?.data));
  const [policy, setPolicy] = useState<PolicyDraft>(() => policyDraft(record?.policy));
  const [reason, setReason] = useState('');
  const [externalRef, setExternalRef] = useState(record?.externalRef ?? '');
  const photoField = photoFieldOf(kind);
  const savedPhotos = photoIdsOf(kind, record?.data);
  const [photos, setPhotos] = useState<string[]>(() => savedPhotos);
  const [formRef, focusFirstInvalid] = useFocusFirstInvalid();
  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>('input, textarea')?.focus();
  }, [formRef]);

  const mutation = useMutation({
    mutationFn: async () => {
      const data = dataFrom(kind, draft, record?.data);
      if (photoField) {
        if (photos.length > 0) data[photoField] = photos;
        else delete data[photoField];
      }
      const p = policyFromDraft(policy);
      if (record) {
        return unwrap(
          api.PATCH('/api/v1/records/{id}', {
            params: { path: { id: record.id } },
            // The version the officer started from: a colleague's change saved meanwhile is a
            // conflict to reload, not something this save silently undoes.
            body: {
              data,
              policy: p,
              version: record.version,
              ...(reason.trim() ? { reason: reason.trim() } : {}),
              ...(externalRef.trim() !== (record.externalRef ?? '')
                ? { externalRef: externalRef.trim() || null }
                : {}),
            },
          }),
        );
      }
      return unwrap(
        api.POST('/api/v1/records', {
          body: { kind, data, policy: p, ...(externalRef.trim() ? { externalRef: externalRef.trim() } : {}) },
        }),
      );
    },
    onSuccess: (saved) => {
      store(saved);
      navigate(`/records/${saved.id}`, { state: { warnings: saved.warnings ?? [] } });
    },
  });
  const error = mutation.error instanceof ApiError ? mutation.error : null;
  const errorAt = (pointer: string) =>
    error?.errors.find((e) => e.field === pointer || e.field.startsWith(`${pointer}/`))?.message;
  const fieldError = errorAt;
  // Fields the form shows errors next to; anything else is listed above the buttons.
  const placed = [
    ...KIND_FIELDS[kind].map((s) => `/body/data/${s.key}`),
    ...POLICY_FIELDS.map((f) => `/body/policy/${f}`),
    '/body/externalRef',
    ...(photoField ? [`/body/data/${photoField}`] : []),
  ];
  const setField = (key: string, value: string) =>
    setDraft((d) => ({ ...d, fields: { ...d.fields, [key]: value } }));

  const renderField = (spec: FieldSpec) => {
    const label = t(`fields.${spec.key}`);
    const help = t(`fieldHelp.${spec.key}`, { defaultValue: '' }) || undefined;
    const value = draft.fields[spec.key] ?? '';
    const err = fieldError(`/body/data/${spec.key}`);
    const common = {
      label,
      description: help,
      required: spec.required,
      error: err,
      'data-testid': `field-${spec.key}`,
    };
    switch (spec.type) {
      case 'select':
        return (
          <Select
            {...common}
            data={(spec.options ?? []).map((o) => ({
              value: o,
              label: spec.plainOptions ? (CHAIN_LABELS[o] ?? o) : t(`options.${spec.optionSet}.${o}`),
            }))}
            value={value || null}
            onChange={(v) => setField(spec.key, v ?? '')}
            clearable={!spec.required}
          />
        );
      case 'textarea':
      case 'lines':
        return (
          <Textarea
            {...common}
            value={value}
            onChange={(e) => setField(spec.key, e.currentTarget.value)}
            autosize
            minRows={spec.key === 'mrz' ? 2 : 2}
            maxRows={8}
            className={spec.mono ? 'mono-input' : undefined}
            dir={spec.mono ? 'ltr' : undefined}
            spellCheck={!spec.mono}
          />
        );
      case 'integer':
        return (
          <NumberInput
            {...common}
            value={value}
            onChange={(v) => setField(spec.key, String(v))}
            allowDecimal={false}
            hideControls
            w={140}
          />
        );
      case 'country':
        return (
          <CountryCodeInput
            {...common}
            description={help}
            value={value}
            onChange={(code) => setField(spec.key, code)}
          />
        );
      case 'countries':
        return (
          <TextInput
            {...common}
            description={help ?? t('fieldHelp.countries')}
            value={value}
            onChange={(e) => setField(spec.key, e.currentTarget.value.toUpperCase())}
            className="mono-input"
          />
        );
      case 'date':
        return (
          <TextInput
            {...common}
            type="date"
            value={value}
            onChange={(e) => setField(spec.key, e.currentTarget.value)}
          />
        );
      case 'names':
        return <NamesEditor key="names" draft={draft} setDraft={setDraft} fieldError={fieldError} />;
      case 'documents':
        return <DocumentsEditor key="documents" draft={draft} setDraft={setDraft} fieldError={fieldError} />;
      default:
        return (
          <TextInput
            {...common}
            value={value}
            onChange={(e) => setField(spec.key, e.currentTarget.value)}
            className={spec.mono ? 'mono-input' : undefined}
            dir={spec.mono ? 'ltr' : undefined}
            spellCheck={!spec.mono}
            autoComplete="off"
          />
        );
    }
  };

  const specs = KIND_FIELDS[kind];
  const fields = specs.map((spec) => (
    <div key={spec.key} className={spec.wide ? 'form-wide' : undefined}>
      {renderField(spec)}
    </div>
  ));
  const policyPanel = <PolicyEditor value={policy} onChange={setPolicy} errorAt={fieldError} />;
  const unmatched =
    error?.errors.filter((e) => !placed.some((p) => e.field === p || e.field.startsWith(`${p}/`))) ?? [];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate(undefined, { onError: focusFirstInvalid });
  };
  const Icon = KIND_ICONS[kind];
  return (
    <>
      <PageHeader
        above={crumbs}
        title={
          <Group gap={8} component="span">
            <Icon size={24} stroke={1.6} />
            {record
              ? t('record.editTitle', { kind: t(`recordKinds.${kind}`) })
              : t('records.newKind', { kind: t(`recordKinds.${kind}`) })}
          </Group>
        }
        description={record ? <RecordSummary record={record} /> : t(`recordKindHelp.${kind}`)}
      />
      <form ref={formRef} onSubmit={submit} noValidate id="record-form" data-kind={kind}>
        <Stack gap="md">
          <Card withBorder radius="md" padding="md">
            <Text fw={600} fz="sm" mb="sm" component="h2">
              {t('record.data')}
            </Text>
            <div className="form-grid">
              {fields}
              <TextInput
                label={t('record.externalRef')}
                description={t('record.externalRefHelp')}
                value={externalRef}
                onChange={(e) => setExternalRef(e.currentTarget.value)}
                maxLength={200}
                error={fieldError('/body/externalRef')}
                className="mono-input"
                dir="ltr"
                data-testid="field-externalRef"
              />
              {photoField && (
                <RecordPhotosEditor
                  kind={kind}
                  recordId={record?.id}
                  saved={savedPhotos}
                  value={photos}
                  onChange={setPhotos}
                  error={fieldError(`/body/data/${photoField}`)}
                />
              )}
            </div>
          </Card>
          <Card withBorder radius="md" padding="md">
            <Text fw={600} fz="sm" mb={2} component="h2">
              {t('record.policy')}
            </Text>
            <Text fz="xs" c="dimmed" mb="sm">
              {t('policy.editorHelp')}
            </Text>
            {policyPanel}
          </Card>
          {record && (
            <TextInput
              label={t('record.correctionReason')}
              description={t('record.correctionReasonHelp')}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              maxLength={1000}
              data-testid="edit-reason"
            />
          )}
          {error && error.errors.length > 0 && (
            <Alert
              color="red"
              variant="light"
              role="alert"
              title={t('errors.validation')}
              data-testid="form-errors"
            >
              {t('record.fixFields', { count: flaggedFields(error.errors, placed) })}
              {unmatched.map((e) => (
                <Text key={e.field} fz="sm">
                  <span className="mono">{e.field.replace('/body/', '')}</span>: {e.message}
                </Text>
              ))}
            </Alert>
          )}
          {mutation.error && !error?.errors.length && <ProblemAlert error={mutation.error} />}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" component={Link} to={record ? `/records/${record.id}` : '/records'}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending} data-testid="save-record">
              {record ? t('record.saveChanges') : t('records.createSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}

function NamesEditor({
  draft,
  setDraft,
  fieldError,
}: {
  draft: Draft;
  setDraft: React.Dispatch<React.SetStateAction<Draft>>;
  fieldError: (pointer: string) => string | undefined;
}) {
  const { t } = useTranslation();
  const update = (i: number, patch: Partial<NameRow>) =>
    setDraft((d) => ({ ...d, names: d.names.map((n, j) => (j === i ? { ...n, ...patch } : n)) }));
  return (
    <fieldset className="subform">
      <legend>{t('fields.names')}</legend>
      <Text fz="xs" c="dimmed" mb={6}>
        {t('fieldHelp.names')}
      </Text>
      <Stack gap={6}>
        {draft.names.map((n, i) => (
          <Group key={String(i)} gap="xs" align="flex-start" wrap="nowrap">
            <TextInput
              label={t('fields.fullName')}
              value={n.full}
              onChange={(e) => update(i, { full: e.currentTarget.value })}
              required={i === 0}
              error={
                fieldError(`/body/data/names/${i}/full`) ??
                (i === 0 ? fieldError('/body/data/names') : undefined)
              }
              style={{ flex: 2 }}
              data-testid={`name-${i}`}
            />
            <Select
              label={t('fields.nameType')}
              data={NAME_TYPES.map((v) => ({ value: v, label: t(`options.nameType.${v}`) }))}
              value={n.type || null}
              onChange={(v) => update(i, { type: v ?? '' })}
              clearable
              style={{ flex: 1 }}
            />
            <TextInput
              label={t('fields.script')}
              value={n.script}
              onChange={(e) => update(i, { script: e.currentTarget.value })}
              placeholder="Latn"
              error={fieldError(`/body/data/names/${i}/script`)}
              w={90}
            />
            <ActionIcon
              variant="subtle"
              color="gray"
              mt={26}
              onClick={() => setDraft((d) => ({ ...d, names: d.names.filter((_, j) => j !== i) }))}
              disabled={draft.names.length === 1}
              aria-label={t('record.removeName', { n: i + 1 })}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        ))}
      </Stack>
      <Button
        variant="subtle"
        size="compact-sm"
        mt={6}
        leftSection={<IconPlus size={14} />}
        onClick={() => setDraft((d) => ({ ...d, names: [...d.names, emptyName()] }))}
      >
        {t('record.addName')}
      </Button>
    </fieldset>
  );
}

function DocumentsEditor({
  draft,
  setDraft,
  fieldError,
}: {
  draft: Draft;
  setDraft: React.Dispatch<React.SetStateAction<Draft>>;
  fieldError: (pointer: string) => string | undefined;
}) {
  const { t } = useTranslation();
  const update = (i: number, patch: Partial<DocumentRow>) =>
    setDraft((d) => ({ ...d, documents: d.documents.map((n, j) => (j === i ? { ...n, ...patch } : n)) }));
  return (
    <fieldset className="subform">
      <legend>{t('fields.documents')}</legend>
      <Text fz="xs" c="dimmed" mb={6}>
        {t('fieldHelp.documents')}
      </Text>
      <Stack gap={6}>
        {draft.documents.map((doc, i) => (
          <Group key={String(i)} gap="xs" align="flex-start" wrap="nowrap">
            <TextInput
              label={t('fields.number')}
              value={doc.number}
              onChange={(e) => update(i, { number: e.currentTarget.value })}
              className="mono-input"
              error={fieldError(`/body/data/documents/${i}/number`)}
              style={{ flex: 2 }}
            />
            <Select
              label={t('fields.type')}
              data={DOCUMENT_TYPES.map((v) => ({ value: v, label: t(`options.documentType.${v}`) }))}
              value={doc.type}
              onChange={(v) => update(i, { type: v ?? 'passport' })}
              allowDeselect={false}
              style={{ flex: 1 }}
            />
            <TextInput
              label={t('fields.issuingCountry')}
              value={doc.issuingCountry}
              onChange={(e) => update(i, { issuingCountry: e.currentTarget.value.toUpperCase().slice(0, 2) })}
              className="mono-input"
              error={fieldError(`/body/data/documents/${i}/issuingCountry`)}
              w={110}
            />
            <ActionIcon
              variant="subtle"
              color="gray"
              mt={26}
              onClick={() => setDraft((d) => ({ ...d, documents: d.documents.filter((_, j) => j !== i) }))}
              aria-label={t('record.removeDocument', { n: i + 1 })}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        ))}
      </Stack>
      <Button
        variant="subtle"
        size="compact-sm"
        mt={6}
        leftSection={<IconPlus size={14} />}
        onClick={() => setDraft((d) => ({ ...d, documents: [...d.documents, emptyDocument()] }))}
      >
        {t('record.addDocument')}
      </Button>
    </fieldset>
  );
}

/**
 * How many fields the officer has to fix: errors placed next to one field (a list's items,
 * say nationalities/1 and nationalities/2) count once, as the form marks it once.
 */
export function flaggedFields(errors: { field: string }[], placed: string[]): number {
  const fields = new Set(
    errors.map((e) => placed.find((p) => e.field === p || e.field.startsWith(`${p}/`)) ?? e.field),
  );
  return fields.size;
}
