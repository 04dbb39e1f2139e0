import { Anchor, Badge, Card, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconLock, IconMinus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Schemas } from '../../api/client';
import { countryName, formatLocale, formatNumber } from '../../i18n/format';
import { PolicyBadges } from '../records/display';
import { AgencyLink, HitRefButton, OutcomeBadge } from './ResultCards';
import './persons.css';
import { RecordSummary } from '../records/RecordSummary';

export type PersonSearchResult = Schemas['PersonSearchResult'];
export type PersonCandidate = Schemas['PersonCandidate'];
type PersonHit = Extract<PersonCandidate, { outcome: 'hit' }>;
type RestrictedPerson = Extract<PersonCandidate, { outcome: 'restricted-hit' }>;
type ExplanationItem = PersonHit['explanation']['items'][number];
type Band = PersonCandidate['band'];

/** Filled badges with white text at 4.5:1 or more; the band's word is always written. */
const BAND_COLOURS: Record<Band, string> = { strong: '#b0181b', possible: '#9a3a05', weak: 'gray' };

export function BandBadge({ band }: { band: Band }) {
  const { t } = useTranslation();
  return (
    <Tooltip label={t(`personSearch.bandHelp.${band}`)} withArrow>
      <Badge
        size="sm"
        radius="sm"
        variant={band === 'weak' ? 'light' : 'filled'}
        color={BAND_COLOURS[band]}
        className="band-badge tooltip-trigger"
        data-band={band}
        data-testid="band"
        tabIndex={0}
      >
        {t(`personSearch.band.${band}`)}
      </Badge>
    </Tooltip>
  );
}

export function formatScore(score: number): string {
  return new Intl.NumberFormat(formatLocale(), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(
    score,
  );
}

function Score({ score }: { score: number }) {
  const { t } = useTranslation();
  const shown = formatScore(score);
  return (
    <Text span fz="xs" className="person-score" data-testid="score" data-score={score}>
      <span aria-hidden>
        {t('personSearch.score')} <strong>{shown}</strong>
      </span>
      <span className="visually-hidden">{t('personSearch.scoreLabel', { score: shown })}</span>
      <span className="score-bar" aria-hidden>
        <span style={{ inlineSize: `${Math.round(score * 100)}%` }} />
      </span>
    </Text>
  );
}

/** The API's field names and comparison words, as keys of `personSearch.fields` and `.kinds`. */
const camel = (words: string) => words.replace(/ (\w)/g, (_, c: string) => c.toUpperCase());

const GOOD_KINDS = new Set([
  'exact',
  'same',
  'transliteration',
  'equivalent',
  'spelling',
  'skeleton',
  'phonetic',
  'joined',
  'partial',
]);
const BAD_KINDS = new Set(['different', 'missing', 'extra']);

function ItemIcon({ kind }: { kind: string }) {
  if (GOOD_KINDS.has(kind)) return <IconCheck size={14} className="item-icon item-good" aria-hidden />;
  if (BAD_KINDS.has(kind)) return <IconAlertTriangle size={14} className="item-icon item-bad" aria-hidden />;
  return <IconMinus size={14} className="item-icon item-partial" aria-hidden />;
}

/** A value of the record or of the query: names keep their own script's direction, codes run left to right. */
function Value({ item, value }: { item: ExplanationItem; value: string }) {
  const { t } = useTranslation();
  if (item.field === 'sex') return <bdi>{t(`options.sex.${value}`, { defaultValue: value })}</bdi>;
  if (item.field === 'date of birth' || item.field === 'nationality')
    return (
      <span className="mono" dir="ltr">
        {value}
      </span>
    );
  return (
    <bdi dir="auto" className="explained-name">
      {value}
    </bdi>
  );
}

/** One line of an explanation: "family name: Щербаков ~ Schtscherbakow — transliteration". */
function ExplanationLine({ item }: { item: ExplanationItem }) {
  const { t } = useTranslation();
  const field = t(`personSearch.fields.${camel(item.field)}`, { defaultValue: item.field });
  let comparison: React.ReactNode;
  let how: string;
  if (item.kind === 'missing') {
    comparison = item.candidate !== undefined && <Value item={item} value={item.candidate} />;
    how = t('personSearch.notInQuery');
  } else if (item.kind === 'extra') {
    comparison = item.query !== undefined && <Value item={item} value={item.query} />;
    how = t('personSearch.notInRecord');
  } else {
    const same = item.candidate === item.query || item.query === undefined;
    comparison = (
      <>
        {item.candidate !== undefined && <Value item={item} value={item.candidate} />}
        {!same && item.query !== undefined && (
          <>
            {' ~ '}
            <Value item={item} value={item.query} />
          </>
        )}
      </>
    );
    how = t(`personSearch.kinds.${camel(item.kind)}`, { defaultValue: item.kind });
  }
  return (
    <li data-kind={item.kind} data-field={item.field}>
      <ItemIcon kind={item.kind} />
      <span className="item-field">{field}:</span> {comparison} <span className="item-how">— {how}</span>
    </li>
  );
}

export function Explanation({ explanation }: { explanation: PersonHit['explanation'] }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="explanation" data-testid="explanation">
      <Text fz="xs" fw={600} c="dimmed" component="h3" className="explanation-title">
        {t('personSearch.why')}
      </Text>
      {explanation.items.length > 0 && (
        <ul className="explanation-items" data-testid="explanation-items">
          {explanation.items.map((item, i) => (
            <ExplanationLine key={`${item.field}-${String(i)}`} item={item} />
          ))}
        </ul>
      )}
      {/* The server writes its summary in English; it also says what the items do not (a family name that does not match). */}
      {i18n.resolvedLanguage !== 'en' && (
        <Text fz="xs" c="dimmed" fw={600}>
          {t('personSearch.inFull')}
        </Text>
      )}
      <Text
        fz="xs"
        c="dimmed"
        className="explanation-text"
        lang="en"
        dir="auto"
        data-testid="explanation-text"
      >
        {explanation.text}
      </Text>
    </div>
  );
}

interface PersonName {
  full: string;
  type?: string;
  script?: string;
}

interface PersonData {
  names?: PersonName[];
  dateOfBirth?: string;
  sex?: string;
  nationalities?: string[];
  status?: string;
}

function NameChips({ names }: { names: PersonName[] }) {
  const { t } = useTranslation();
  if (names.length === 0) return null;
  const shown = names.slice(0, 6);
  return (
    <Group gap={4} wrap="wrap" data-testid="other-names">
      <Text span fz="xs" c="dimmed">
        {t('personSearch.otherNames')}:
      </Text>
      {shown.map((n, i) => (
        <Text key={`${n.full}-${String(i)}`} span fz="sm" className="name-chip">
          <bdi dir="auto">{n.full}</bdi>
          {n.type && (
            <Text span c="dimmed" fz="xs" ms={4}>
              {t(`options.nameType.${n.type}`, { defaultValue: n.type })}
            </Text>
          )}
        </Text>
      ))}
      {names.length > shown.length && (
        <Text span fz="xs" c="dimmed">
          +{formatNumber(names.length - shown.length)}
        </Text>
      )}
    </Group>
  );
}

const NAME_FIELDS = new Set(['family name', 'given name', 'patronymic', 'middle name', 'name']);
const tokensOf = (text: string) =>
  text
    .normalize('NFC')
    .toLocaleLowerCase()
    .split(/[\s,.'’-]+/)
    .filter(Boolean);

/**
 * The name the score was computed on, when it is not the main one (an alias, a name in
 * another script): the explanation's tokens are the record's, so the name holding all of
 * them is the one that matched.
 */
export function matchedName(names: PersonName[], items: ExplanationItem[]): PersonName | undefined {
  const wanted = items
    .filter((i) => NAME_FIELDS.has(i.field) && i.kind !== 'extra' && i.candidate)
    .flatMap((i) => tokensOf(i.candidate ?? ''));
  if (wanted.length === 0) return undefined;
  const holds = (n: PersonName) => {
    const own = new Set(tokensOf(n.full));
    return wanted.every((w) => own.has(w));
  };
  const [main, ...others] = names;
  if (!main || holds(main)) return undefined;
  return others.find(holds);
}

/** Country codes with their names, listed as the interface language lists things. */
function Countries({ codes }: { codes: string[] }) {
  const parts = new Intl.ListFormat(formatLocale(), { style: 'short', type: 'unit' }).formatToParts(codes);
  return (
    <>
      {parts.map((p, i) =>
        p.type === 'element' ? (
          <span key={`${p.value}-${String(i)}`}>
            <span className="mono" dir="ltr">
              {p.value}
            </span>{' '}
            {countryName(p.value)}
          </span>
        ) : (
          p.value
        ),
      )}
    </>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Text span fz="sm" className="person-fact">
      <Text span fz="xs" c="dimmed">
        {label}
      </Text>{' '}
      <span>{children}</span>
    </Text>
  );
}

export function PersonHitCard({ candidate, rank }: { candidate: PersonHit; rank: number }) {
  const { t } = useTranslation();
  const { record } = candidate;
  const data = record.data as PersonData;
  const [main, ...others] = data.names ?? [];
  const matched = matchedName(data.names ?? [], candidate.explanation.items);
  const to = `/records/${record.id}`;
  return (
    <Card
      withBorder
      padding="sm"
      radius="md"
      className={`result-card person-card band-${candidate.band}`}
      data-testid="person-card"
      data-band={candidate.band}
      data-record-id={record.id}
      component="article"
      aria-labelledby={`person-${record.id}`}
    >
      <Group justify="space-between" wrap="nowrap" align="flex-start" gap="sm">
        <Stack gap={6} style={{ minWidth: 0, flex: 1 }}>
          <Group gap={8}>
            <Text span fz="xs" c="dimmed" className="rank">
              #{formatNumber(rank)}
            </Text>
            <BandBadge band={candidate.band} />
            <Score score={candidate.score} />
            <Text fz="xs" c="dimmed">
              {t('search.ownedBy')} <AgencyLink code={record.owner} />
            </Text>
          </Group>
          <Anchor
            component={Link}
            to={to}
            fw={600}
            fz="md"
            className="result-title"
            id={`person-${record.id}`}
            data-testid="person-name"
          >
            {main ? <bdi dir="auto">{main.full}</bdi> : <RecordSummary record={record} />}
          </Anchor>
          {matched && (
            <Text fz="xs" data-testid="matched-name">
              <Text span fz="xs" c="dimmed">
                {t('personSearch.matchedName')}:
              </Text>{' '}
              <bdi dir="auto" className="explained-name">
                {matched.full}
              </bdi>
              {matched.type && (
                <Text span fz="xs" c="dimmed" ms={4}>
                  {t(`options.nameType.${matched.type}`, { defaultValue: matched.type })}
                </Text>
              )}
            </Text>
          )}
          <NameChips names={others} />
          <Group gap="md" wrap="wrap">
            {data.dateOfBirth && (
              <Fact label={t('personSearch.born')}>
                <span className="mono" dir="ltr" data-testid="person-dob">
                  {data.dateOfBirth}
                </span>
              </Fact>
            )}
            {data.sex && <Fact label={t('personSearch.sexLabel')}>{t(`options.sex.${data.sex}`)}</Fact>}
            {data.nationalities && data.nationalities.length > 0 && (
              <Fact label={t('personSearch.nationalities')}>
                <Countries codes={data.nationalities} />
              </Fact>
            )}
            {data.status && (
              <Fact label={t('personSearch.status')}>
                {t(`options.personStatus.${data.status}`, { defaultValue: data.status })}
              </Fact>
            )}
          </Group>
          <Explanation explanation={candidate.explanation} />
          <PolicyBadges policy={record.policy} />
        </Stack>
        <Anchor
          component={Link}
          to={to}
          fz="sm"
          className="open-link"
          aria-describedby={`person-${record.id}`}
        >
          {t('search.openRecord')}
        </Anchor>
      </Group>
    </Card>
  );
}

export function PersonRestrictedCard({ candidate, rank }: { candidate: RestrictedPerson; rank: number }) {
  const { t } = useTranslation();
  return (
    <Card
      withBorder
      padding="sm"
      radius="md"
      className="result-card result-restricted person-card"
      data-testid="person-restricted-card"
      data-band={candidate.band}
      component="article"
      aria-label={t('personSearch.restrictedTitle')}
    >
      <Group gap={8} mb={4}>
        <Text span fz="xs" c="dimmed" className="rank">
          #{formatNumber(rank)}
        </Text>
        <OutcomeBadge outcome="restricted-hit" />
        <BandBadge band={candidate.band} />
        <Score score={candidate.score} />
        <IconLock size={14} aria-hidden />
      </Group>
      <Text fz="sm" fw={600}>
        {t('personSearch.restrictedTitle')}
      </Text>
      <Text fz="sm">
        {t('personSearch.restrictedBody', { owner: candidate.owner })}{' '}
        <Text span fz="sm" c="dimmed">
          {candidate.band === 'weak'
            ? t('personSearch.restrictedWeak')
            : t('personSearch.restrictedNotified')}
        </Text>
      </Text>
      <Group gap="md" mt={6}>
        <Text fz="sm">
          {t('search.owner')}: <AgencyLink code={candidate.owner} />
        </Text>
        <Group gap={4}>
          <Text fz="sm">{t('search.hitRef')}:</Text>
          <HitRefButton hitRef={candidate.hitRef} />
        </Group>
      </Group>
    </Card>
  );
}

export function PersonCandidateList({ candidates }: { candidates: PersonCandidate[] }) {
  return (
    <Stack gap="xs" data-testid="person-results" component="ol" className="person-results">
      {candidates.map((c, i) => (
        <li key={c.outcome === 'hit' ? c.recordId : c.hitRef}>
          {c.outcome === 'hit' ? (
            <PersonHitCard candidate={c} rank={i + 1} />
          ) : (
            <PersonRestrictedCard candidate={c} rank={i + 1} />
          )}
        </li>
      ))}
    </Stack>
  );
}

/** Keeps a name in its own direction inside a sentence of the other direction (FSI … PDI). */
export const isolate = (text: string) => `\u2068${text}\u2069`;

export function NoPersonCard({ name }: { name: string }) {
  const { t } = useTranslation();
  return (
    <Card
      withBorder
      padding="sm"
      radius="md"
      className="result-card result-nohit"
      data-testid="no-person-card"
    >
      <Group gap={6}>
        <OutcomeBadge outcome="no-hit" />
        <Text fz="sm" fw={600}>
          {t('personSearch.none', { name: isolate(name) })}
        </Text>
      </Group>
      <Text fz="xs" c="dimmed" mt={2}>
        {t('personSearch.noneHelp')}
      </Text>
    </Card>
  );
}
