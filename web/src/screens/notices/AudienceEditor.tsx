import { Card, Radio, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';
import { countryName } from '../../i18n/format';

export type Audience = Schemas['NoticeAudience'];
export type Kind = 'notice' | 'diffusion';

/** The audience as the form edits it: lists as typed ("FR, BR"). */
export interface AudienceDraft {
  visibility: Audience['visibility'];
  countries: string;
  agencies: string;
}

/**
 * Who may read a notice or diffusion. A notice goes to every member, or every member but some
 * (visibility deny); a diffusion goes straight to the members its requester chooses (allow) —
 * or to all. The server checks the same (service.ts, checkAudience).
 */
const CHOICES: Record<Kind, Audience['visibility'][]> = {
  notice: ['all', 'deny'],
  diffusion: ['allow', 'all'],
};

export function audienceDraft(kind: Kind, audience?: Audience): AudienceDraft {
  return {
    visibility: audience?.visibility ?? CHOICES[kind][0]!,
    countries: (audience?.countries ?? []).join(', '),
    agencies: (audience?.agencies ?? []).join(', '),
  };
}

const codes = (text: string) =>
  [...new Set(text.split(/[\s,;]+/).filter(Boolean))].map((code) => code.toUpperCase());

/** The audience to send: the draft's choice, with the markings of the one it edits kept. */
export function audienceFromDraft(draft: AudienceDraft, original?: Audience): Audience {
  const { agencies: _a, countries: _c, ...markings } = original ?? { visibility: 'all' };
  if (draft.visibility === 'all') return { ...markings, visibility: 'all' };
  const countries = codes(draft.countries);
  const agencies = codes(draft.agencies);
  return {
    ...markings,
    visibility: draft.visibility,
    ...(countries.length ? { countries } : {}),
    ...(agencies.length ? { agencies } : {}),
  };
}

export function AudienceEditor({
  kind,
  value,
  onChange,
  errorAt,
}: {
  kind: Kind;
  value: AudienceDraft;
  onChange: (draft: AudienceDraft) => void;
  errorAt: (pointer: string) => string | undefined;
}) {
  const { t } = useTranslation();
  const lists = value.visibility !== 'all';
  const named = codes(value.countries)
    .filter((code) => code.length === 2)
    .map((code) => countryName(code))
    .join(', ');
  return (
    <Card withBorder radius="md" p="md" data-testid="audience-editor">
      <Title order={2} fz="h5" mb={4}>
        {t('notices.audience.title')}
      </Title>
      <Text fz="xs" c="dimmed" mb="sm">
        {t(`notices.audience.help.${kind}`)}
      </Text>
      <Stack gap="sm">
        <Radio.Group
          value={value.visibility}
          onChange={(visibility) => onChange({ ...value, visibility: visibility as Audience['visibility'] })}
          error={errorAt('/visibility')}
        >
          <Stack gap={6}>
            {CHOICES[kind].map((choice) => (
              <Radio
                key={choice}
                value={choice}
                label={t(`notices.audience.${choice}`)}
                data-testid={`audience-${choice}`}
              />
            ))}
          </Stack>
        </Radio.Group>
        {lists && (
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
            <TextInput
              label={t(`notices.audience.countries.${value.visibility}`)}
              description={named || t('fieldHelp.countries')}
              value={value.countries}
              onChange={(e) => onChange({ ...value, countries: e.currentTarget.value.toUpperCase() })}
              error={errorAt('/countries')}
              className="mono-input"
              dir="ltr"
              data-testid="audience-countries"
            />
            <TextInput
              label={t(`notices.audience.agencies.${value.visibility}`)}
              description={t('notices.audience.agenciesHelp')}
              value={value.agencies}
              onChange={(e) => onChange({ ...value, agencies: e.currentTarget.value.toUpperCase() })}
              error={errorAt('/agencies')}
              className="mono-input"
              dir="ltr"
              data-testid="audience-agencies"
            />
          </SimpleGrid>
        )}
      </Stack>
    </Card>
  );
}

/** Who a notice or diffusion goes to, in a line: "All members", "FR, BR and FR-CYBER only". */
export function AudienceSummary({ audience }: { audience: Audience }) {
  const { t } = useTranslation();
  const listed = [...(audience.countries ?? []), ...(audience.agencies ?? [])].join(', ');
  return (
    <Text fz="sm" data-testid="notice-audience">
      <Text span c="dimmed" fz="sm">
        {t('notices.audience.title')}:{' '}
      </Text>
      {audience.visibility === 'all'
        ? t('notices.audience.all')
        : t(`notices.audience.summary.${audience.visibility}`, { listed })}
    </Text>
  );
}
