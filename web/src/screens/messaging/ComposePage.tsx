import {
  ActionIcon,
  Alert,
  Anchor,
  Breadcrumbs,
  Button,
  Card,
  FileButton,
  Grid,
  Group,
  MultiSelect,
  Progress,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconDeviceFloppy,
  IconLock,
  IconPaperclip,
  IconPlus,
  IconSend,
  IconTrash,
} from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { useMe } from '../../auth/session';
import { filled, useFocusFirstInvalid } from '../../components/forms';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert, problemMessage } from '../../components/problem';
import { formatNumber } from '../../i18n/format';
import {
  type DraftBody,
  EVALUATIONS,
  HANDLING,
  type Handling,
  type MessageReference,
  PRIORITIES,
  type Priority,
  REFERENCE_TYPES,
  type SendBody,
  TLPS,
  type Tlp,
  type UploadProgress,
  uploadFile,
  useAgencies,
  useAgencyKeys,
  useDraft,
  useGroups,
  useMessage,
  useSaveDraft,
  useSend,
} from './queries';

interface Form {
  recipients: string[];
  subject: string;
  body: string;
  priority: Priority;
  handling: Handling;
  handlingNote: string;
  tlp: Tlp;
  evaluation: string | null;
  caseRef: string;
  /** Each with an id of its own for React, dropped when sent. */
  references: (MessageReference & { uid: string })[];
}

const EMPTY: Form = {
  recipients: [],
  subject: '',
  body: '',
  priority: 'routine',
  handling: 'H1',
  handlingNote: '',
  tlp: 'AMBER',
  evaluation: null,
  caseRef: '',
  references: [],
};

/** Recipients are agencies and groups in one picker: "agency:FR", "group:REGION-EUROPE". */
function splitRecipients(values: string[]) {
  return {
    to: values.filter((v) => v.startsWith('agency:')).map((v) => v.slice(7)),
    groups: values.filter((v) => v.startsWith('group:')).map((v) => v.slice(6)),
  };
}

function toBody(form: Form, uploads: UploadProgress[]): DraftBody {
  const { to, groups } = splitRecipients(form.recipients);
  return {
    ...(to.length ? { to } : {}),
    ...(groups.length ? { groups } : {}),
    subject: form.subject,
    body: form.body,
    priority: form.priority,
    handling: form.handling,
    ...(form.handling === 'H3' && form.handlingNote ? { handlingNote: form.handlingNote } : {}),
    tlp: form.tlp,
    ...(form.evaluation ? { evaluation: form.evaluation } : {}),
    ...(form.caseRef ? { caseRef: form.caseRef } : {}),
    ...(form.references.length
      ? { references: form.references.filter((r) => r.id.trim()).map(({ uid: _uid, ...r }) => r) }
      : {}),
    ...(uploads.length ? { attachments: uploads.filter((u) => u.done).map((u) => u.id) } : {}),
  };
}

function fromBody(body: DraftBody): Form {
  return {
    recipients: [
      ...(body.to ?? []).map((c) => `agency:${c}`),
      ...(body.groups ?? []).map((g) => `group:${g}`),
    ],
    subject: body.subject ?? '',
    body: body.body ?? '',
    priority: body.priority ?? 'routine',
    handling: body.handling ?? 'H1',
    handlingNote: body.handlingNote ?? '',
    tlp: body.tlp ?? 'AMBER',
    evaluation: body.evaluation ?? null,
    caseRef: body.caseRef ?? '',
    references: (body.references ?? []).map((r) => ({ ...r, uid: crypto.randomUUID() })),
  };
}

function quote(subject: string): string {
  return /^re:/i.test(subject) ? subject : `Re: ${subject}`;
}

/** Write a message (or a reply, or a saved draft): recipients, markings, text, attachments. */
export function ComposePage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const replyTo = params.get('replyTo');
  const replyAll = params.get('all') === 'true';
  const draftId = params.get('draft');
  const agencies = useAgencies();
  const groups = useGroups();
  const ownKeys = useAgencyKeys(me.agency.code);
  const parent = useMessage(replyTo ?? undefined);
  const draft = useDraft(draftId);
  const send = useSend();
  const saveDraft = useSaveDraft();
  const [form, setForm] = useState<Form>(EMPTY);
  const [savedDraftId, setSavedDraftId] = useState<string | null>(draftId);
  const [uploads, setUploads] = useState<UploadProgress[]>([]);
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));

  // Prefill a reply from the message answered, keeping its markings (a reply never lowers them).
  useEffect(() => {
    const m = parent.data;
    if (!m) return;
    const others = replyAll
      ? [m.from, ...m.to].filter((c) => c !== me.agency.code && c !== m.mailbox)
      : [m.from];
    const answering = m.box === 'sent' ? m.to : others;
    setForm((f) => ({
      ...f,
      recipients: [...new Set(answering)].map((c) => `agency:${c}`),
      subject: quote(m.content?.subject ?? m.reference),
      priority: m.priority,
      handling: m.handling,
      handlingNote: m.handlingNote ?? '',
      tlp: m.tlp,
      caseRef: m.content?.caseRef ?? '',
    }));
  }, [parent.data, replyAll, me.agency.code]);

  useEffect(() => {
    if (draft.data) setForm(fromBody(draft.data.draft));
  }, [draft.data]);

  const recipientOptions = useMemo(() => {
    const all = agencies.data ?? [];
    const label = (a: (typeof all)[number]) => `${a.code} — ${a.name}`;
    return [
      {
        group: t('messaging.recipientGroups.groups'),
        items: (groups.data?.items ?? []).map((g) => ({
          value: `group:${g.code}`,
          label: `${g.code} — ${g.name} (${formatNumber(g.members.length)})`,
        })),
      },
      {
        group: t('messaging.recipientGroups.bureaus'),
        items: all
          .filter((a) => a.kind === 'bureau')
          .map((a) => ({ value: `agency:${a.code}`, label: label(a) })),
      },
      {
        group: t('messaging.recipientGroups.units'),
        items: all
          .filter((a) => a.kind === 'unit')
          .map((a) => ({ value: `agency:${a.code}`, label: label(a) })),
      },
      {
        group: t('messaging.recipientGroups.others'),
        items: all
          .filter((a) => a.kind === 'international-organisation' || a.kind === 'secretariat')
          .map((a) => ({ value: `agency:${a.code}`, label: label(a) })),
      },
    ].filter((g) => g.items.length > 0);
  }, [agencies.data, groups.data, t]);

  const selfHeld = ownKeys.data?.custody === 'self';
  const uploading = uploads.some((u) => !u.done && !u.error);
  const error = send.error ?? saveDraft.error;
  // Every required field left empty is marked at once, before anything is sent.
  const [tried, setTried] = useState(false);
  const [formRef, focusFirstInvalid] = useFocusFirstInvalid();
  const missing = new Set(
    [
      !filled(form.recipients) && 'recipients',
      !filled(form.subject) && 'subject',
      form.handling === 'H3' && !filled(form.handlingNote) && 'handlingNote',
    ].filter((x): x is string => !!x),
  );
  const required = (field: string) => (tried && missing.has(field) ? t('common.required') : undefined);
  const fieldError = (field: string) =>
    required(field === 'to' ? 'recipients' : field) ??
    (error instanceof ApiError ? error.fieldError(field) : undefined);
  // The server's field errors named as the form's labels in the banner.
  const labels = {
    to: t('messaging.fields.recipients'),
    groups: t('messaging.fields.recipients'),
    subject: t('messaging.fields.subject'),
    body: t('messaging.fields.body'),
    handling: t('messaging.fields.handling'),
    handlingNote: t('messaging.fields.handlingNote'),
    tlp: t('messaging.fields.tlp'),
    evaluation: t('messaging.fields.evaluation'),
    caseRef: t('messaging.fields.caseRef'),
    references: t('messaging.fields.references'),
    attachments: t('messaging.fields.attachments'),
  };

  const attach = (files: File[]) => {
    for (const file of files) {
      const entry: UploadProgress = {
        id: crypto.randomUUID(),
        name: file.name,
        size: file.size,
        sent: 0,
        done: false,
      };
      setUploads((u) => [...u, entry]);
      const patch = (change: Partial<UploadProgress>) =>
        setUploads((u) => u.map((x) => (x.id === entry.id ? { ...x, ...change } : x)));
      uploadFile(file, (sent) => patch({ sent }))
        .then((id) => patch({ id, done: true, sent: file.size }))
        .catch((e) => patch({ error: problemMessage(t, e) }));
    }
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (missing.size > 0) {
      setTried(true);
      focusFirstInvalid();
      return;
    }
    const body = toBody(form, uploads);
    send.mutate(
      {
        ...body,
        subject: form.subject,
        ...(replyTo ? { inReplyTo: replyTo } : {}),
        ...(savedDraftId ? { draftId: savedDraftId } : {}),
      } as SendBody,
      {
        onSuccess: (message) => {
          notifications.show({
            color: 'teal',
            message: t('messaging.sent', { reference: message.reference }),
          });
          navigate(`/messages/${message.id}`);
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
            <Anchor component={Link} to="/messages" fz="sm">
              {t('messaging.title')}
            </Anchor>
            <Text fz="sm">{replyTo ? t('messaging.reply') : t('messaging.compose')}</Text>
          </Breadcrumbs>
        }
        title={replyTo ? t('messaging.replyTitle') : t('messaging.composeTitle')}
        description={t('messaging.composeDescription')}
      />
      {selfHeld && (
        <Alert color="gray" icon={<IconLock size={18} />} mb="md" title={t('messaging.selfHeldTitle')}>
          {t('messaging.selfHeldCompose')}
        </Alert>
      )}
      <form ref={formRef} onSubmit={submit} noValidate>
        <Grid gutter="md">
          <Grid.Col span={{ base: 12, lg: 8 }}>
            <Card withBorder radius="md" p="md">
              <Stack gap="sm">
                <MultiSelect
                  label={t('messaging.fields.recipients')}
                  description={t('messaging.recipientsHelp')}
                  data={recipientOptions}
                  value={form.recipients}
                  onChange={(v) => set('recipients', v)}
                  searchable
                  required
                  maxDropdownHeight={320}
                  limit={80}
                  nothingFoundMessage={t('common.noMatch')}
                  error={fieldError('to') ?? fieldError('groups')}
                  data-testid="recipients"
                />
                <TextInput
                  label={t('messaging.fields.subject')}
                  value={form.subject}
                  onChange={(e) => set('subject', e.currentTarget.value)}
                  required
                  maxLength={300}
                  error={fieldError('subject')}
                  dir="auto"
                  data-testid="subject"
                />
                <Textarea
                  label={t('messaging.fields.body')}
                  value={form.body}
                  onChange={(e) => set('body', e.currentTarget.value)}
                  autosize
                  minRows={8}
                  maxRows={24}
                  maxLength={100_000}
                  error={fieldError('body')}
                  dir="auto"
                  data-testid="body"
                />
                <Stack gap={6}>
                  <Group justify="space-between">
                    <Text fz="sm" fw={500}>
                      {t('messaging.fields.attachments')}
                    </Text>
                    <FileButton onChange={attach} multiple>
                      {(props) => (
                        <Button
                          {...props}
                          variant="default"
                          size="compact-sm"
                          leftSection={<IconPaperclip size={14} />}
                          disabled={selfHeld}
                          data-testid="attach"
                        >
                          {t('messaging.attach')}
                        </Button>
                      )}
                    </FileButton>
                  </Group>
                  {uploads.map((u) => (
                    <Group key={u.id} gap="sm" wrap="nowrap" data-testid="upload">
                      <Text fz="sm" w={220} truncate="end" title={u.name}>
                        <bdi>{u.name}</bdi>
                      </Text>
                      <Progress
                        value={u.size ? (u.sent / u.size) * 100 : 100}
                        color={u.error ? 'red' : u.done ? 'teal' : 'navy'}
                        style={{ flex: 1 }}
                        aria-label={t('messaging.uploadProgress', { name: u.name })}
                      />
                      <Text fz="xs" c={u.error ? 'red' : 'dimmed'} w={140}>
                        {u.error ??
                          (u.done
                            ? t('messaging.uploaded')
                            : `${formatNumber(Math.round((u.sent / Math.max(u.size, 1)) * 100))} %`)}
                      </Text>
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        aria-label={t('messaging.removeAttachment', { name: u.name })}
                        onClick={() => setUploads((all) => all.filter((x) => x.id !== u.id))}
                      >
                        <IconTrash size={14} />
                      </ActionIcon>
                    </Group>
                  ))}
                </Stack>
              </Stack>
            </Card>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 4 }}>
            <Card withBorder radius="md" p="md">
              <Stack gap="sm">
                <div>
                  <Text fz="sm" fw={500} mb={4} id="priority-label">
                    {t('messaging.fields.priority')}
                  </Text>
                  <SegmentedControl
                    fullWidth
                    aria-labelledby="priority-label"
                    data={PRIORITIES.map((p) => ({ value: p, label: t(`messaging.priority.${p}`) }))}
                    value={form.priority}
                    onChange={(v) => set('priority', v as Priority)}
                    color={form.priority === 'flash' ? 'red.9' : 'navy'}
                    data-testid="priority"
                  />
                </div>
                <Select
                  label={t('messaging.fields.handling')}
                  data={HANDLING.map((h) => ({
                    value: h,
                    label: `${h} — ${t(`messaging.handlingHelp.${h}`)}`,
                  }))}
                  value={form.handling}
                  onChange={(v) => v && set('handling', v as Handling)}
                  allowDeselect={false}
                  error={fieldError('handling')}
                  data-testid="handling"
                />
                {form.handling === 'H3' && (
                  <Textarea
                    label={t('messaging.fields.handlingNote')}
                    value={form.handlingNote}
                    onChange={(e) => set('handlingNote', e.currentTarget.value)}
                    required
                    autosize
                    minRows={2}
                    error={fieldError('handlingNote')}
                  />
                )}
                <Select
                  label={t('messaging.fields.tlp')}
                  data={TLPS.map((v) => ({ value: v, label: `TLP:${v} — ${t(`messaging.tlpHelp.${v}`)}` }))}
                  value={form.tlp}
                  onChange={(v) => v && set('tlp', v as Tlp)}
                  allowDeselect={false}
                  error={fieldError('tlp')}
                  data-testid="tlp-select"
                />
                <Select
                  label={t('messaging.fields.evaluation')}
                  description={t('messaging.evaluationHelp')}
                  data={EVALUATIONS}
                  value={form.evaluation}
                  onChange={(v) => set('evaluation', v)}
                  clearable
                  searchable
                />
                <TextInput
                  label={t('messaging.fields.caseRef')}
                  value={form.caseRef}
                  onChange={(e) => set('caseRef', e.currentTarget.value)}
                  maxLength={100}
                  className="mono-input"
                  dir="ltr"
                />
                <Stack gap={6}>
                  <Group justify="space-between">
                    <Text fz="sm" fw={500}>
                      {t('messaging.fields.references')}
                    </Text>
                    <Button
                      variant="subtle"
                      size="compact-xs"
                      leftSection={<IconPlus size={12} />}
                      onClick={() =>
                        set('references', [
                          ...form.references,
                          { type: 'record', id: '', uid: crypto.randomUUID() },
                        ])
                      }
                    >
                      {t('messaging.addReference')}
                    </Button>
                  </Group>
                  {form.references.map((r, i) => (
                    <Group key={r.uid} gap={6} wrap="nowrap">
                      <Select
                        aria-label={t('messaging.referenceType')}
                        data={REFERENCE_TYPES.map((v) => ({
                          value: v,
                          label: t(`messaging.referenceTypes.${v}`),
                        }))}
                        value={r.type}
                        onChange={(v) =>
                          v &&
                          set(
                            'references',
                            form.references.map((x, j) =>
                              j === i ? { ...x, type: v as MessageReference['type'] } : x,
                            ),
                          )
                        }
                        allowDeselect={false}
                        w={130}
                      />
                      <TextInput
                        aria-label={t('messaging.referenceId')}
                        value={r.id}
                        onChange={(e) => {
                          const id = e.currentTarget.value;
                          set(
                            'references',
                            form.references.map((x, j) => (j === i ? { ...x, id } : x)),
                          );
                        }}
                        className="mono-input"
                        style={{ flex: 1 }}
                        dir="ltr"
                      />
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        aria-label={t('messaging.removeReference')}
                        onClick={() =>
                          set(
                            'references',
                            form.references.filter((_, j) => j !== i),
                          )
                        }
                      >
                        <IconTrash size={14} />
                      </ActionIcon>
                    </Group>
                  ))}
                </Stack>
              </Stack>
            </Card>
          </Grid.Col>
        </Grid>
        {tried && missing.size > 0 && (
          <Alert color="red" variant="light" role="alert" mt="md" data-testid="form-missing">
            {t('common.missing', { count: missing.size, formatted: formatNumber(missing.size) })}
          </Alert>
        )}
        {error && (
          <div style={{ marginTop: 12 }}>
            <ProblemAlert error={error} labels={labels} />
          </div>
        )}
        <Group justify="flex-end" mt="md">
          <Button variant="default" component={Link} to={replyTo ? `/messages/${replyTo}` : '/messages'}>
            {t('common.cancel')}
          </Button>
          {me.user && (
            <Button
              variant="default"
              leftSection={<IconDeviceFloppy size={16} />}
              loading={saveDraft.isPending}
              disabled={selfHeld}
              onClick={() =>
                saveDraft.mutate(
                  {
                    id: savedDraftId,
                    body: { ...toBody(form, uploads), ...(replyTo ? { inReplyTo: replyTo } : {}) },
                  },
                  {
                    onSuccess: (d) => {
                      setSavedDraftId(d.id);
                      notifications.show({ color: 'teal', message: t('messaging.draftSaved') });
                    },
                  },
                )
              }
              data-testid="save-draft"
            >
              {t('messaging.saveDraft')}
            </Button>
          )}
          <Button
            type="submit"
            leftSection={<IconSend size={16} />}
            loading={send.isPending}
            disabled={selfHeld || uploading}
            data-testid="send"
          >
            {t('messaging.send')}
          </Button>
        </Group>
      </form>
    </>
  );
}
