import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconId, IconList, IconScan, IconSearch, IconUserSearch } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, api, unwrap } from '../../api/client';
import { useMe } from '../../auth/session';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/problem';
import { DataTable } from '../../components/tables';
import { useUrlFilters } from '../../components/urlFilters';
import { formatNumber } from '../../i18n/format';
import { localiseServerMessage } from '../../i18n/server-messages';
import { IDENTIFIER_SCHEMES, type SearchResult } from '../records/queries';
import { RecordSummary } from '../records/RecordSummary';
import { isolate } from './PersonCards';
import { PersonResults, PersonSearch } from './PersonSearch';
import { AgencyLink, mergeResults, NotRecognisedCard, OutcomeBadge, ResultList } from './ResultCards';

type Mode = 'single' | 'list' | 'mrz' | 'person';
const MODES: Mode[] = ['single', 'list', 'mrz', 'person'];
/** Free search sends one request per line: keep the automatic mode to lists a person pastes. */
export const AUTO_LIST_LIMIT = 200;
const LIST_LIMIT = 10_000;

export function SearchPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { params, update } = useUrlFilters();
  // A partner checks threat data: passports and persons are the police's (it sees one only
  // where a member named it, and finds that by identifier).
  const partner = me.agency.kind === 'partner';
  const modes = partner ? MODES.filter((m) => m === 'single' || m === 'list') : MODES;
  const mode: Mode = modes.includes(params.get('mode') as Mode) ? (params.get('mode') as Mode) : 'single';
  return (
    <>
      <PageHeader
        title={t('search.title')}
        // A partner checks its own data and what was shared with it, not the police databases.
        description={partner ? t('search.descriptionPartner') : t('search.description')}
      />
      <Tabs
        value={mode}
        onChange={(v) => update('mode', v === 'single' ? null : v)}
        keepMounted={false}
        variant="outline"
      >
        <Tabs.List mb="sm">
          <Tabs.Tab value="single" leftSection={<IconSearch size={16} />} data-testid="mode-single">
            {t('search.modes.single')}
          </Tabs.Tab>
          <Tabs.Tab value="list" leftSection={<IconList size={16} />} data-testid="mode-list">
            {t('search.modes.list')}
          </Tabs.Tab>
          {!partner && (
            <Tabs.Tab value="mrz" leftSection={<IconScan size={16} />} data-testid="mode-mrz">
              {t('search.modes.mrz')}
            </Tabs.Tab>
          )}
          {!partner && (
            <Tabs.Tab value="person" leftSection={<IconUserSearch size={16} />} data-testid="mode-person">
              {t('search.modes.person')}
            </Tabs.Tab>
          )}
        </Tabs.List>
        <Tabs.Panel value="single">
          <SingleSearch />
        </Tabs.Panel>
        <Tabs.Panel value="list">
          <ListSearch />
        </Tabs.Panel>
        <Tabs.Panel value="mrz">
          <MrzSearch />
        </Tabs.Panel>
        <Tabs.Panel value="person">
          <PersonSearch />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

function SingleSearch() {
  const { t } = useTranslation();
  const { params, update } = useUrlFilters();
  const q = params.get('q')?.trim() ?? '';
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);
  const search = useQuery({
    queryKey: ['search', q],
    enabled: q.length >= 2,
    retry: false,
    staleTime: 0,
    gcTime: 0,
    queryFn: () => unwrap(api.GET('/api/v1/search', { params: { query: { q } } })),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = text.trim();
    if (value === q) void search.refetch();
    else update('q', value || null);
  };
  const data = search.data;
  return (
    <Stack gap="sm">
      <Paper withBorder p="sm" radius="md" className="filter-bar">
        <search>
          <form onSubmit={submit}>
            <Group gap="sm" align="flex-end" wrap="nowrap">
              <TextInput
                label={t('search.query')}
                description={t('search.queryHelp')}
                placeholder={t('search.queryPlaceholder')}
                value={text}
                onChange={(e) => setText(e.currentTarget.value)}
                leftSection={<IconSearch size={16} />}
                style={{ flex: 1 }}
                maxLength={300}
                spellCheck={false}
                autoComplete="off"
                data-testid="search-query"
                data-autofocus
              />
              <Button type="submit" disabled={text.trim().length < 2} loading={search.isFetching}>
                {t('search.submit')}
              </Button>
            </Group>
          </form>
        </search>
      </Paper>
      <ProblemAlert error={search.error} />
      {data &&
        q &&
        (data.interpretations.length > 0 || data.persons ? (
          <>
            <Group gap={6}>
              <Text fz="sm" c="dimmed">
                {t('search.checkedAs')}
              </Text>
              {data.interpretations.map((i, n) => (
                <Badge
                  key={`${i.scheme}-${String(n)}`}
                  size="sm"
                  variant="outline"
                  color="gray"
                  radius="sm"
                  rightSection={<OutcomeDot outcome={data.results[n]?.outcome ?? 'no-hit'} />}
                >
                  {t(`schemes.${i.scheme}`, { defaultValue: i.scheme })}
                </Badge>
              ))}
              {data.persons && (
                <Badge
                  size="sm"
                  variant="outline"
                  color="gray"
                  radius="sm"
                  rightSection={<OutcomeDot outcome={personsOutcome(data.persons.candidates)} />}
                >
                  {t('schemes.name')}
                </Badge>
              )}
            </Group>
            {data.interpretations.length > 0 && (
              <ResultList
                value={q}
                schemes={data.interpretations.map((i) => i.scheme)}
                results={data.results}
              />
            )}
            {data.persons && (
              <Stack gap={6} mt="xs" data-testid="free-search-persons">
                <PersonResults
                  result={data.persons}
                  name={q}
                  heading={t('personSearch.inFreeSearch', { name: isolate(q) })}
                />
                <Anchor
                  component={Link}
                  to={`/search?mode=person&name=${encodeURIComponent(q)}`}
                  fz="sm"
                  data-testid="refine-person-search"
                >
                  {t('personSearch.refine')}
                </Anchor>
              </Stack>
            )}
          </>
        ) : (
          <NotRecognisedCard value={q} />
        ))}
      {!q && <SearchHelp />}
    </Stack>
  );
}

/** What a person search found, in the words of an identifier check. */
function personsOutcome(candidates: { outcome: string }[]): string {
  if (candidates.some((c) => c.outcome === 'hit')) return 'hit';
  return candidates.length > 0 ? 'restricted-hit' : 'no-hit';
}

function OutcomeDot({ outcome }: { outcome: string }) {
  const { t } = useTranslation();
  const colour = outcome === 'hit' ? '#b0181b' : outcome === 'restricted-hit' ? '#9a3a05' : '#06604a';
  return (
    <span className="outcome-dot" style={{ background: colour }} title={t(`outcome.${outcome}`)}>
      <span className="visually-hidden">{t(`outcome.${outcome}`)}</span>
    </span>
  );
}

function SearchHelp() {
  const { t } = useTranslation();
  const examples = ['P1234567', 'DE89 3704 0044 0532 0130 00', 'bc1q…', '203.0.113.7', 'IMO 9074729'];
  return (
    <Text fz="sm" c="dimmed">
      {t('search.help')}{' '}
      {examples.map((e) => (
        <code key={e} className="example" dir="ltr">
          {e}
        </code>
      ))}
    </Text>
  );
}

interface ListRow {
  line: number;
  value: string;
  scheme: string;
  result: SearchResult;
  recognised: boolean;
}

function splitLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

function ListSearch() {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [scheme, setScheme] = useState<string>('auto');
  const [country, setCountry] = useState('');
  const lines = splitLines(text);
  const limit = scheme === 'auto' ? AUTO_LIST_LIMIT : LIST_LIMIT;

  const run = useMutation({
    mutationFn: async (): Promise<ListRow[]> => {
      if (scheme === 'auto') {
        return mapLimit(lines, 4, async (value): Promise<ListRow> => {
          if (value.length < 2)
            return { line: 0, value, scheme: '', result: { outcome: 'no-hit' }, recognised: false };
          const found = await unwrap(api.GET('/api/v1/search', { params: { query: { q: value } } }));
          const merged = mergeResults(found.results);
          // Name the kinds that matched; when none did, every kind it was checked as.
          const matched = found.interpretations.filter((_, n) => found.results[n]?.outcome !== 'no-hit');
          return {
            line: 0,
            value,
            scheme: (matched.length ? matched : found.interpretations)
              .map((i) => t(`schemes.${i.scheme}`))
              .join(', '),
            recognised: found.interpretations.length > 0,
            result: {
              outcome: merged.outcome as SearchResult['outcome'],
              records: merged.records,
              restricted: merged.restricted,
            },
          };
        }).then((rows) => rows.map((r, i) => ({ ...r, line: i + 1 })));
      }
      const queries = lines.map((value) => ({
        scheme: scheme as (typeof IDENTIFIER_SCHEMES)[number],
        value,
        ...(scheme === 'document' && country ? { country: country.toUpperCase() } : {}),
      }));
      // A line that cannot be read is shown on its row; the other lines are still checked.
      const { results } = await unwrap(
        api.POST('/api/v1/search/identifiers', {
          params: { query: { invalid: 'report' } },
          body: { queries },
        }),
      );
      return results.map((result, i) => ({
        line: i + 1,
        value: lines[i]!,
        scheme: t(`schemes.${scheme}`),
        result,
        recognised: true,
      }));
    },
  });
  const rows = run.data ?? [];
  const counts = { hit: 0, 'restricted-hit': 0, 'no-hit': 0, invalid: 0 } as Record<string, number>;
  for (const r of rows) counts[r.result.outcome] = (counts[r.result.outcome] ?? 0) + 1;
  const lineErrors =
    run.error instanceof ApiError
      ? run.error.errors
          .map((e) => ({ line: Number(/\/queries\/(\d+)/.exec(e.field)?.[1] ?? -1) + 1, message: e.message }))
          .filter((e) => e.line > 0)
      : [];

  return (
    <Stack gap="sm">
      <Paper withBorder p="sm" radius="md" className="filter-bar">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            run.mutate();
          }}
        >
          <SimpleGrid cols={{ base: 1, md: 3 }} spacing="sm">
            <Textarea
              label={t('search.list')}
              description={t('search.listHelp', { limit: formatNumber(limit) })}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              autosize
              minRows={6}
              maxRows={14}
              className="mono-input"
              spellCheck={false}
              data-testid="search-list"
              style={{ gridColumn: 'span 2' }}
            />
            <Stack gap="sm">
              <Select
                label={t('search.scheme')}
                data={[
                  { value: 'auto', label: t('search.autoDetect') },
                  ...IDENTIFIER_SCHEMES.filter((s) => s !== 'mrz').map((s) => ({
                    value: s,
                    label: t(`schemes.${s}`),
                  })),
                ]}
                value={scheme}
                onChange={(v) => setScheme(v ?? 'auto')}
                allowDeselect={false}
                data-testid="search-scheme"
              />
              {scheme === 'document' && (
                <TextInput
                  label={t('search.issuingCountry')}
                  description={t('search.issuingCountryHelp')}
                  value={country}
                  onChange={(e) => setCountry(e.currentTarget.value.toUpperCase().slice(0, 2))}
                  maxLength={2}
                  w={120}
                />
              )}
              <Text fz="xs" c={lines.length > limit ? 'red.8' : 'dimmed'}>
                {t('search.lineCount', { count: lines.length, formatted: formatNumber(lines.length) })}
              </Text>
              <Button
                type="submit"
                loading={run.isPending}
                disabled={lines.length === 0 || lines.length > limit}
                leftSection={<IconSearch size={16} />}
                data-testid="search-list-submit"
              >
                {t('search.checkAll')}
              </Button>
            </Stack>
          </SimpleGrid>
        </form>
      </Paper>
      {lineErrors.length > 0 ? (
        <Alert color="red" variant="light" role="alert" title={t('errors.validation')}>
          <Stack gap={2}>
            {lineErrors.slice(0, 20).map((e) => (
              <Text key={`${e.line}-${e.message}`} fz="sm">
                {t('search.lineError', { line: e.line, message: e.message })}
              </Text>
            ))}
          </Stack>
        </Alert>
      ) : (
        <ProblemAlert error={run.error} />
      )}
      {rows.length > 0 && (
        <>
          <Group gap="xs" data-testid="list-summary">
            {(['hit', 'restricted-hit', 'no-hit', 'invalid'] as const)
              .filter((o) => o !== 'invalid' || counts[o])
              .map((o) => (
                <Group key={o} gap={4}>
                  <OutcomeBadge outcome={o} />
                  <Text fz="sm" fw={600}>
                    {formatNumber(counts[o] ?? 0)}
                  </Text>
                </Group>
              ))}
          </Group>
          <DataTable label={t('search.listResults')} minWidth={760}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={50}>#</Table.Th>
                <Table.Th>{t('search.identifier')}</Table.Th>
                <Table.Th>{t('search.scheme')}</Table.Th>
                <Table.Th w={130}>{t('search.outcome')}</Table.Th>
                <Table.Th>{t('search.detail')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.line} data-outcome={r.result.outcome} data-testid="list-row">
                  <Table.Td c="dimmed">{r.line}</Table.Td>
                  <Table.Td className="mono" dir="ltr">
                    {r.value}
                  </Table.Td>
                  <Table.Td fz="xs">{r.recognised ? r.scheme : t('search.unrecognised')}</Table.Td>
                  <Table.Td>
                    <OutcomeBadge outcome={r.result.outcome} />
                  </Table.Td>
                  <Table.Td className="wrap">
                    <Stack gap={2}>
                      {(r.result.errors ?? []).map((e) => (
                        <Text key={e.field} fz="sm" c="red.8">
                          {localiseServerMessage(e.message)}
                        </Text>
                      ))}
                      {(r.result.records ?? []).map((rec) => (
                        <Group key={rec.id} gap={6} wrap="nowrap">
                          <Anchor component={Link} to={`/records/${rec.id}`} fz="sm">
                            <RecordSummary record={rec} />
                          </Anchor>
                          <Text span fz="xs" c="dimmed" className="mono">
                            {rec.owner}
                          </Text>
                        </Group>
                      ))}
                      {(r.result.restricted ?? []).map((x) => (
                        <Text key={x.hitRef} fz="xs">
                          {t('search.ownerLabel')} <AgencyLink code={x.owner} /> · {t('search.hitRef')}{' '}
                          <span className="mono" dir="ltr">
                            {x.hitRef}
                          </span>
                        </Text>
                      ))}
                    </Stack>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </DataTable>
        </>
      )}
    </Stack>
  );
}

function MrzSearch() {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const run = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/search/identifiers', {
          body: { queries: [{ scheme: 'mrz', value: text.trim() }] },
        }),
      ),
  });
  const error = run.error instanceof ApiError ? run.error : null;
  const fieldError = error?.errors.find((e) => e.field.includes('/queries/0'))?.message;
  const lineCount = splitLines(text).length;
  return (
    <Stack gap="sm">
      <Paper withBorder p="sm" radius="md" className="filter-bar">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            run.mutate();
          }}
        >
          <Group align="flex-end" gap="sm" wrap="nowrap">
            <Textarea
              label={t('search.mrz')}
              description={t('search.mrzHelp')}
              value={text}
              onChange={(e) => setText(e.currentTarget.value.toUpperCase())}
              autosize
              minRows={3}
              maxRows={3}
              className="mono-input mrz-input"
              spellCheck={false}
              error={fieldError}
              style={{ flex: 1 }}
              dir="ltr"
              data-testid="search-mrz"
            />
            <Button
              type="submit"
              loading={run.isPending}
              disabled={lineCount < 2 || lineCount > 3}
              leftSection={<IconId size={16} />}
              data-testid="search-mrz-submit"
            >
              {t('search.checkDocument')}
            </Button>
          </Group>
        </form>
      </Paper>
      {!fieldError && <ProblemAlert error={run.error} />}
      {run.data?.results[0] && (
        <ResultList value={t('search.mrzDocument')} schemes={['mrz']} results={run.data.results} />
      )}
    </Stack>
  );
}
