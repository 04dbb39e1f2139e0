import { Anchor, Badge, Button, Card, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconExternalLink, IconSearch } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, type Schemas, unwrap } from '../../api/client';
import { ProblemAlert } from '../../components/problem';
import { RecordSummary, useRecordSummaryText } from '../records/RecordSummary';

type Candidate = Schemas['PersonCandidate'];
type Hit = Extract<Candidate, { outcome: 'hit' }>;

/** A person record of the requester's side, chosen as the request's subject. */
export interface PickedPerson {
  id: string;
  /** The server's summary, in English (RecordSummary says it in the reader's language). */
  summary: string;
  data: Record<string, unknown>;
}

const namesOf = (data: Record<string, unknown>) =>
  ((data.names as { full: string }[] | undefined) ?? []).map((n) => n.full);

/** "1975-03-02 · Male · RU, KE · wanted": what tells two namesakes apart. */
function particulars(data: Record<string, unknown>, t: TFunction): string {
  const parts = [
    data.dateOfBirth ? String(data.dateOfBirth) : '',
    data.sex ? t(`notices.sex.${String(data.sex)}`) : '',
    ((data.nationalities as string[] | undefined) ?? []).join(', '),
    data.status
      ? t(`options.personStatus.${String(data.status)}`, { defaultValue: String(data.status) })
      : '',
  ];
  return parts.filter(Boolean).join(' · ');
}

/**
 * Finds the subject among the agency's own person records by name (any script or spelling:
 * the person search kept to the requester's side, `scope: own`, which tells no other owner),
 * and lets the officer take one. The name field is searched with Enter or the button; the
 * enclosing request form is not submitted.
 */
export function SubjectPicker({
  onPick,
  error,
}: {
  onPick: (person: PickedPerson) => void;
  /** Said at the name field: no record chosen yet, or the server's word on the one chosen. */
  error?: string;
}) {
  const { t } = useTranslation();
  const summaryText = useRecordSummaryText();
  const [name, setName] = useState('');
  const search = useMutation({
    mutationFn: (text: string) =>
      unwrap(api.POST('/api/v1/search/persons', { body: { name: text, scope: 'own', limit: 10 } })),
  });
  const run = () => {
    if (name.trim()) search.mutate(name.trim());
  };
  const problem = search.error instanceof ApiError ? search.error : null;
  const nameProblem = problem?.errors.find((e) => e.field === '/body/name')?.message;
  const hits = (search.data?.candidates ?? []).filter((c): c is Hit => c.outcome === 'hit');
  return (
    <Stack gap="sm" data-testid="subject-picker">
      <Group align="flex-start" gap="sm">
        <TextInput
          label={t('notices.subjectRecord.searchLabel')}
          description={t('notices.subjectRecord.searchHelp')}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              run();
            }
          }}
          error={nameProblem ?? error}
          dir="auto"
          style={{ flex: 1, minWidth: 240 }}
          data-testid="subject-search"
        />
        <Button
          type="button"
          variant="light"
          mt={24}
          leftSection={<IconSearch size={16} aria-hidden />}
          onClick={run}
          loading={search.isPending}
          data-testid="subject-search-run"
        >
          {t('notices.subjectRecord.find')}
        </Button>
      </Group>
      {search.error && !nameProblem && <ProblemAlert error={search.error} />}
      {search.isSuccess && hits.length === 0 && (
        <Text fz="sm" c="dimmed" role="status" data-testid="subject-none">
          {t('notices.subjectRecord.none')}
        </Text>
      )}
      {hits.length > 0 && (
        <Stack gap="xs" component="ul" className="plain-list" aria-label={t('notices.subjectRecord.results')}>
          {hits.map((hit) => {
            const data = hit.record.data as Record<string, unknown>;
            const [main, ...others] = namesOf(data);
            const label = main ?? summaryText(hit.record);
            return (
              <Card
                key={hit.recordId}
                component="li"
                withBorder
                radius="sm"
                p="xs"
                data-testid="subject-candidate"
                data-record-id={hit.recordId}
              >
                <Group justify="space-between" wrap="nowrap" gap="sm">
                  <Stack gap={2} style={{ minWidth: 0 }}>
                    <Group gap="xs">
                      <Text fw={600} fz="sm">
                        {main ? <bdi>{main}</bdi> : <RecordSummary record={hit.record} />}
                      </Text>
                      <Badge size="xs" variant="light" color={hit.band === 'strong' ? 'teal' : 'gray'}>
                        {t(`notices.search.band.${hit.band}`)}
                      </Badge>
                      <Badge size="xs" variant="outline" color="gray" dir="ltr">
                        {hit.record.owner}
                      </Badge>
                    </Group>
                    {others.length > 0 && (
                      <Text fz="xs" c="dimmed">
                        {others.map((o, i) => (
                          <span key={o}>
                            {i > 0 ? ' · ' : ''}
                            <bdi>{o}</bdi>
                          </span>
                        ))}
                      </Text>
                    )}
                    <Text fz="xs">{particulars(data, t)}</Text>
                  </Stack>
                  <Group gap="xs" wrap="nowrap">
                    <Anchor
                      href={`/records/${hit.recordId}`}
                      target="_blank"
                      rel="noopener"
                      fz="xs"
                      aria-label={t('notices.subjectRecord.openOne', { name: label })}
                    >
                      <Group gap={2} wrap="nowrap">
                        {t('notices.subjectRecord.open')}
                        <IconExternalLink size={12} aria-hidden />
                      </Group>
                    </Anchor>
                    <Button
                      type="button"
                      size="compact-sm"
                      onClick={() => onPick({ id: hit.recordId, summary: hit.record.summary, data })}
                      aria-label={t('notices.subjectRecord.useOne', { name: label })}
                      data-testid="subject-use"
                    >
                      {t('notices.subjectRecord.use')}
                    </Button>
                  </Group>
                </Group>
              </Card>
            );
          })}
        </Stack>
      )}
    </Stack>
  );
}
