import { Anchor, Badge, Card, CopyButton, Group, Stack, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconCircleCheck, IconCircleX, IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { KindBadge, keyFacts, PartnerBadge, PolicyBadges } from '../records/display';
import type { SearchResult, VisibleRecord } from '../records/queries';
import { RecordSummary } from '../records/RecordSummary';

/** Filled badges with white text at 4.5:1 or more (Mantine's orange is too light for it). */
export const OUTCOME_COLOURS: Record<string, string> = {
  hit: '#b0181b',
  'restricted-hit': '#9a3a05',
  'no-hit': 'teal',
  hidden: '#495057',
  invalid: '#495057',
};

export function OutcomeBadge({ outcome }: { outcome: string }) {
  const { t } = useTranslation();
  return (
    <Badge
      size="sm"
      radius="sm"
      variant={outcome === 'no-hit' ? 'light' : 'filled'}
      color={OUTCOME_COLOURS[outcome] ?? 'gray'}
      className="outcome-badge"
      data-outcome={outcome}
    >
      {t(`outcome.${outcome}`)}
    </Badge>
  );
}

export function AgencyLink({ code }: { code: string }) {
  return (
    <Anchor component={Link} to={`/agencies/${code}`} fz="sm" className="mono" dir="ltr">
      {code}
    </Anchor>
  );
}

export function HitCard({ record }: { record: VisibleRecord }) {
  const { t } = useTranslation();
  const facts = keyFacts(record.kind, record.data);
  return (
    <Card withBorder padding="sm" radius="md" className="result-card result-hit" data-testid="hit-card">
      <Group justify="space-between" wrap="nowrap" align="flex-start" gap="sm">
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Group gap={6}>
            <OutcomeBadge outcome="hit" />
            <KindBadge kind={record.kind} />
            <Text fz="xs" c="dimmed">
              {t('search.ownedBy')} <AgencyLink code={record.owner} />
            </Text>
            {record.fromPartner && <PartnerBadge />}
          </Group>
          <Anchor component={Link} to={`/records/${record.id}`} fw={600} fz="md" className="result-title">
            <RecordSummary record={record} />
          </Anchor>
          {record.matched && (
            <Text fz="xs" c="dimmed" data-testid="hit-matched" data-matched={record.matched}>
              {t(`search.matched.${record.matched}`)}
            </Text>
          )}
          {facts.length > 0 && (
            <Group gap={8}>
              {facts.map((f) => (
                <Text key={f} span fz="xs" className="mono fact" dir="ltr">
                  {f}
                </Text>
              ))}
            </Group>
          )}
          <PolicyBadges policy={record.policy} />
        </Stack>
        <Anchor component={Link} to={`/records/${record.id}`} fz="sm" className="open-link">
          {t('search.openRecord')}
        </Anchor>
      </Group>
    </Card>
  );
}

/** The hit reference to quote to the owner; a click copies it. */
export function HitRefButton({ hitRef }: { hitRef: string }) {
  const { t } = useTranslation();
  return (
    <CopyButton value={hitRef}>
      {({ copied, copy }) => (
        <Tooltip label={copied ? t('common.copied') : t('common.copy')} withArrow>
          <UnstyledButton onClick={copy} className="mono hit-ref" dir="ltr" data-testid="hit-ref">
            {hitRef}
          </UnstyledButton>
        </Tooltip>
      )}
    </CopyButton>
  );
}

export function RestrictedCard({ owner, hitRef }: { owner: string; hitRef: string }) {
  const { t } = useTranslation();
  return (
    <Card
      withBorder
      padding="sm"
      radius="md"
      className="result-card result-restricted"
      data-testid="restricted-card"
    >
      <Group gap={6} mb={4}>
        <OutcomeBadge outcome="restricted-hit" />
        <IconLock size={14} aria-hidden />
      </Group>
      <Text fz="sm">
        {t('search.restrictedBody', { owner })}{' '}
        <Text span fz="sm" c="dimmed">
          {t('search.restrictedNotified')}
        </Text>
      </Text>
      <Group gap="md" mt={6}>
        <Text fz="sm">
          {t('search.owner')}: <AgencyLink code={owner} />
        </Text>
        <Group gap={4}>
          <Text fz="sm">{t('search.hitRef')}:</Text>
          <HitRefButton hitRef={hitRef} />
        </Group>
      </Group>
    </Card>
  );
}

export function NoHitCard({ value, schemes }: { value: string; schemes: string[] }) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="sm" radius="md" className="result-card result-nohit" data-testid="no-hit-card">
      <Group gap={8} wrap="nowrap">
        <IconCircleCheck size={20} color="var(--mantine-color-teal-8)" aria-hidden />
        <div>
          <Group gap={6}>
            <OutcomeBadge outcome="no-hit" />
            <Text fz="sm" fw={600} className="mono" dir="ltr">
              {value}
            </Text>
          </Group>
          <Text fz="xs" c="dimmed" mt={2}>
            {t('search.noHitBody', { schemes: schemes.map((s) => t(`schemes.${s}`)).join(', ') })}
          </Text>
        </div>
      </Group>
    </Card>
  );
}

export function NotRecognisedCard({ value }: { value: string }) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="sm" radius="md" className="result-card" data-testid="not-recognised">
      <Group gap={8} wrap="nowrap">
        <IconCircleX size={20} color="var(--mantine-color-gray-7)" aria-hidden />
        <div>
          <Text fz="sm" fw={600}>
            {t('search.notRecognised', { value })}
          </Text>
          <Text fz="xs" c="dimmed">
            {t('search.notRecognisedHelp')}
          </Text>
        </div>
      </Group>
    </Card>
  );
}

/** Merges the results of several interpretations of one query: each record and each hit reference once. */
export function mergeResults(results: SearchResult[]) {
  const records = new Map<string, VisibleRecord>();
  const restricted = new Map<string, { owner: string; hitRef: string }>();
  const warnings = new Set<string>();
  let truncated = false;
  for (const r of results) {
    if (r.truncated) truncated = true;
    for (const rec of r.records ?? []) records.set(rec.id, rec);
    for (const x of r.restricted ?? []) restricted.set(x.hitRef, x);
    for (const w of r.warnings ?? []) warnings.add(w);
  }
  const outcome = records.size > 0 ? 'hit' : restricted.size > 0 ? 'restricted-hit' : 'no-hit';
  return {
    outcome,
    records: [...records.values()],
    restricted: [...restricted.values()],
    warnings: [...warnings],
    truncated,
  };
}

export function ResultList({
  value,
  schemes,
  results,
}: {
  value: string;
  schemes: string[];
  results: SearchResult[];
}) {
  const { t } = useTranslation();
  const merged = mergeResults(results);
  return (
    <Stack gap="xs" data-testid="search-results" aria-live="polite">
      {merged.records.map((r) => (
        <HitCard key={r.id} record={r} />
      ))}
      {merged.restricted.map((r) => (
        <RestrictedCard key={r.hitRef} {...r} />
      ))}
      {merged.outcome === 'no-hit' && <NoHitCard value={value} schemes={schemes} />}
      {merged.truncated && (
        <Text fz="xs" className="warning-text" data-testid="search-truncated">
          {t('search.truncated')}
        </Text>
      )}
      {merged.warnings.map((w) => (
        <Text key={w} fz="xs" className="warning-text">
          {t('search.warning')}: {w}
        </Text>
      ))}
    </Stack>
  );
}
