import { Alert, Button, Group, NumberInput, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconUserSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ApiError, api, unwrap } from '../../api/client';
import { ProblemAlert } from '../../components/problem';
import { countryName, formatNumber } from '../../i18n/format';
import { NoPersonCard, PersonCandidateList, type PersonSearchResult } from './PersonCards';

const SEXES = ['M', 'F', 'U'] as const;
type Sex = (typeof SEXES)[number];
const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 50;

/** The search as it stands in the URL (`?mode=person&name=&dob=&sex=&nationality=&limit=`): a deep link. */
interface PersonQuery {
  name: string;
  dateOfBirth: string;
  sex: string;
  nationality: string;
  limit: string;
}

const PARAMS: Record<keyof PersonQuery, string> = {
  name: 'name',
  dateOfBirth: 'dob',
  sex: 'sex',
  nationality: 'nationality',
  limit: 'limit',
};

/** Fields the form shows errors next to; anything else goes in the alert above the results. */
const PLACED = Object.keys(PARAMS).map((f) => `/body/${f}`);

function fromParams(params: URLSearchParams): PersonQuery {
  return {
    name: params.get(PARAMS.name)?.trim() ?? '',
    dateOfBirth: params.get(PARAMS.dateOfBirth)?.trim() ?? '',
    sex: params.get(PARAMS.sex) ?? '',
    nationality: params.get(PARAMS.nationality)?.trim() ?? '',
    limit: params.get(PARAMS.limit) ?? '',
  };
}

/** The request body: empty fields left out; what the user typed is sent as typed, for the server to judge. */
function bodyOf(q: PersonQuery) {
  const limit = Number(q.limit);
  return {
    name: q.name,
    ...(q.dateOfBirth ? { dateOfBirth: q.dateOfBirth } : {}),
    ...(q.sex ? { sex: q.sex as Sex } : {}),
    ...(q.nationality ? { nationality: q.nationality.toUpperCase() } : {}),
    ...(q.limit && Number.isInteger(limit) ? { limit } : {}),
  };
}

export function PersonSearch() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const current = fromParams(params);
  const [draft, setDraft] = useState<PersonQuery>(current);
  const key = JSON.stringify(current);
  // A new URL (back button, a link from the free search) refills the form.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key stands for `current`
  useEffect(() => setDraft(current), [key]);

  const search = useQuery({
    queryKey: ['search-persons', current],
    enabled: current.name.length > 0,
    retry: false,
    staleTime: 0,
    gcTime: 0,
    queryFn: () => unwrap(api.POST('/api/v1/search/persons', { body: bodyOf(current) })),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams(params);
    for (const [field, param] of Object.entries(PARAMS) as [keyof PersonQuery, string][]) {
      const value = draft[field].trim();
      if (value) next.set(param, value);
      else next.delete(param);
    }
    if (next.toString() === params.toString()) void search.refetch();
    else setParams(next, { replace: true });
  };
  const set = (field: keyof PersonQuery) => (value: string) => setDraft((d) => ({ ...d, [field]: value }));

  const error = search.error instanceof ApiError ? search.error : null;
  const fieldError = (field: keyof PersonQuery) => error?.fieldError(field);
  const unplaced = error ? error.errors.filter((e) => !PLACED.some((p) => e.field.startsWith(p))) : [];
  const nationality = draft.nationality.toUpperCase();

  return (
    <Stack gap="sm">
      <Paper withBorder p="sm" radius="md" className="filter-bar">
        <search>
          <form onSubmit={submit} noValidate>
            <Stack gap="sm">
              <Group gap="sm" align="flex-end" wrap="wrap">
                <TextInput
                  label={t('personSearch.name')}
                  description={t('personSearch.nameHelp')}
                  placeholder={t('personSearch.namePlaceholder')}
                  value={draft.name}
                  onChange={(e) => set('name')(e.currentTarget.value)}
                  error={fieldError('name')}
                  required
                  maxLength={300}
                  spellCheck={false}
                  autoComplete="off"
                  dir="auto"
                  data-testid="person-query-name"
                  data-autofocus
                  style={{ flex: '1 1 16rem' }}
                />
                <Button
                  type="submit"
                  loading={search.isFetching}
                  disabled={draft.name.trim().length === 0}
                  leftSection={<IconUserSearch size={16} />}
                  data-testid="person-search-submit"
                >
                  {t('personSearch.submit')}
                </Button>
              </Group>
              <Group gap="sm" align="flex-start" wrap="wrap">
                <TextInput
                  label={t('personSearch.dateOfBirth')}
                  description={t('personSearch.dateOfBirthHelp')}
                  placeholder="YYYY-MM-DD"
                  value={draft.dateOfBirth}
                  onChange={(e) => set('dateOfBirth')(e.currentTarget.value)}
                  error={fieldError('dateOfBirth')}
                  maxLength={10}
                  className="mono-input"
                  dir="ltr"
                  inputMode="numeric"
                  autoComplete="off"
                  w={250}
                  data-testid="person-query-dob"
                />
                <Select
                  label={t('personSearch.sex')}
                  data={SEXES.map((s) => ({ value: s, label: t(`options.sex.${s}`) }))}
                  value={draft.sex || null}
                  onChange={(v) => set('sex')(v ?? '')}
                  error={fieldError('sex')}
                  placeholder={t('personSearch.anySex')}
                  clearable
                  w={150}
                  data-testid="person-query-sex"
                />
                <TextInput
                  label={t('personSearch.nationality')}
                  description={
                    nationality.length === 2 ? countryName(nationality) : t('personSearch.nationalityHelp')
                  }
                  value={draft.nationality}
                  onChange={(e) => set('nationality')(e.currentTarget.value.toUpperCase().slice(0, 2))}
                  error={fieldError('nationality')}
                  maxLength={2}
                  className="mono-input"
                  dir="ltr"
                  autoComplete="off"
                  w={190}
                  data-testid="person-query-nationality"
                />
                <NumberInput
                  label={t('personSearch.limit')}
                  description={t('personSearch.limitHelp')}
                  value={draft.limit === '' ? '' : Number(draft.limit)}
                  onChange={(v) => set('limit')(v === '' ? '' : String(v))}
                  error={fieldError('limit')}
                  min={1}
                  max={MAX_LIMIT}
                  allowDecimal={false}
                  allowNegative={false}
                  placeholder={formatNumber(DEFAULT_LIMIT)}
                  w={130}
                  data-testid="person-query-limit"
                />
              </Group>
            </Stack>
          </form>
        </search>
      </Paper>
      {error && error.slug === 'validation' ? (
        unplaced.length > 0 && (
          <Alert color="red" variant="light" role="alert" title={t('errors.validation')}>
            {unplaced.map((e) => (
              <Text key={e.field} fz="sm">
                {e.message}
              </Text>
            ))}
          </Alert>
        )
      ) : (
        <ProblemAlert error={search.error} />
      )}
      {search.data && current.name ? (
        <PersonResults result={search.data} name={current.name} />
      ) : (
        !current.name && (
          <Text fz="sm" c="dimmed">
            {t('personSearch.help')}
          </Text>
        )
      )}
    </Stack>
  );
}

/** The ranked candidates of a person search, or a card saying that none resembles the name. */
export function PersonResults({
  result,
  name,
  heading,
}: {
  result: PersonSearchResult;
  name: string;
  heading?: string;
}) {
  const { t } = useTranslation();
  const count = result.candidates.length;
  return (
    <Stack gap="xs" aria-live="polite">
      <Group gap="xs" justify="space-between">
        <Text component="h2" fz="sm" fw={600} m={0}>
          {heading ?? t('personSearch.results')}
        </Text>
        <Text fz="xs" c="dimmed" data-testid="person-count">
          {t('personSearch.count', { count, formatted: formatNumber(count) })}
        </Text>
      </Group>
      {count > 0 ? <PersonCandidateList candidates={result.candidates} /> : <NoPersonCard name={name} />}
    </Stack>
  );
}
