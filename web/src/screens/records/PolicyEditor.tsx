import {
  Group,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { RecordPolicy } from './queries';

export interface PolicyDraft {
  visibility: RecordPolicy['visibility'];
  agencies: string;
  countries: string;
  hitOnly: boolean;
  handling: string;
  handlingNote: string;
  evaluation: string;
  tlp: string;
  purpose: string;
}

export function policyDraft(policy?: RecordPolicy): PolicyDraft {
  return {
    visibility: policy?.visibility ?? 'all',
    agencies: (policy?.agencies ?? []).join(', '),
    countries: (policy?.countries ?? []).join(', '),
    hitOnly: policy?.hitOnly ?? false,
    handling: policy?.handling ?? '',
    handlingNote: policy?.handlingNote ?? '',
    evaluation: policy?.evaluation ?? '',
    tlp: policy?.tlp ?? '',
    purpose: policy?.purpose ?? '',
  };
}

const codes = (text: string) =>
  text
    .split(/[\s,;]+/)
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean);

export function policyFromDraft(d: PolicyDraft): RecordPolicy {
  const agencies = codes(d.agencies);
  const countries = codes(d.countries);
  return {
    visibility: d.visibility,
    ...(d.visibility !== 'all' && agencies.length ? { agencies } : {}),
    ...(d.visibility !== 'all' && countries.length ? { countries } : {}),
    ...(d.hitOnly ? { hitOnly: true } : {}),
    ...(d.handling ? { handling: d.handling as RecordPolicy['handling'] } : {}),
    ...(d.handling === 'H3' && d.handlingNote.trim() ? { handlingNote: d.handlingNote.trim() } : {}),
    ...(d.evaluation ? { evaluation: d.evaluation } : {}),
    ...(d.tlp ? { tlp: d.tlp as RecordPolicy['tlp'] } : {}),
    ...(d.purpose.trim() ? { purpose: d.purpose.trim() } : {}),
  };
}

/** The owner's access policy: audience, hit-only, handling code, evaluation, TLP and purpose. */
export function PolicyEditor({
  value,
  onChange,
  errorAt,
}: {
  value: PolicyDraft;
  onChange: (next: PolicyDraft) => void;
  errorAt: (pointer: string) => string | undefined;
}) {
  const { t } = useTranslation();
  const set = <K extends keyof PolicyDraft>(key: K, v: PolicyDraft[K]) => onChange({ ...value, [key]: v });
  return (
    <Stack gap="sm">
      <div>
        <Text fz="sm" fw={500} id="visibility-label">
          {t('policy.visibilityLabel')}
        </Text>
        <SegmentedControl
          aria-labelledby="visibility-label"
          value={value.visibility}
          onChange={(v) => set('visibility', v as PolicyDraft['visibility'])}
          data={(['all', 'allow', 'deny'] as const).map((v) => ({
            value: v,
            label: t(`policy.visibility.${v}`),
          }))}
          size="sm"
          data-testid="policy-visibility"
        />
        <Text fz="xs" c="dimmed" mt={4}>
          {t(`policy.visibilityHelp.${value.visibility}`)}
        </Text>
        {errorAt('/body/policy/visibility') && (
          <Text fz="xs" c="red.8" role="alert">
            {errorAt('/body/policy/visibility')}
          </Text>
        )}
      </div>
      {value.visibility !== 'all' && (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t('policy.agencies')}
            description={t('policy.agenciesHelp')}
            value={value.agencies}
            onChange={(e) => set('agencies', e.currentTarget.value.toUpperCase())}
            className="mono-input"
            error={errorAt('/body/policy/agencies')}
            data-testid="policy-agencies"
          />
          <TextInput
            label={t('policy.countries')}
            description={t('policy.countriesHelp')}
            value={value.countries}
            onChange={(e) => set('countries', e.currentTarget.value.toUpperCase())}
            className="mono-input"
            error={errorAt('/body/policy/countries')}
            data-testid="policy-countries"
          />
        </SimpleGrid>
      )}
      <Switch
        label={t('policy.hitOnly')}
        description={t('policy.hitOnlyHelp')}
        checked={value.hitOnly}
        onChange={(e) => set('hitOnly', e.currentTarget.checked)}
        data-testid="policy-hit-only"
      />
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <Select
          label={t('policy.handling')}
          placeholder={t('policy.none')}
          data={['H0', 'H1', 'H2', 'H3'].map((h) => ({
            value: h,
            label: `${h} — ${t(`policy.handlingShort.${h}`)}`,
          }))}
          value={value.handling || null}
          onChange={(v) => set('handling', v ?? '')}
          clearable
          error={errorAt('/body/policy/handling')}
          data-testid="policy-handling"
        />
        <Select
          label={t('policy.evaluation')}
          placeholder={t('policy.none')}
          data={['A', 'B', 'C', 'X'].map((r) => ({
            group: `${r} — ${t(`policy.reliability.${r}`)}`,
            items: ['1', '2', '3', '4'].map((a) => ({
              value: r + a,
              label: `${r}${a} — ${t(`policy.accuracy.${a}`)}`,
            })),
          }))}
          value={value.evaluation || null}
          onChange={(v) => set('evaluation', v ?? '')}
          clearable
          error={errorAt('/body/policy/evaluation')}
          data-testid="policy-evaluation"
        />
        <Select
          label={t('policy.tlp')}
          placeholder={t('policy.none')}
          data={['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'].map((v) => ({
            value: v,
            label: `TLP:${v}`,
          }))}
          value={value.tlp || null}
          onChange={(v) => set('tlp', v ?? '')}
          clearable
          error={errorAt('/body/policy/tlp')}
          data-testid="policy-tlp"
        />
      </SimpleGrid>
      {value.handling === 'H3' && (
        <Textarea
          label={t('policy.handlingNote')}
          description={t('policy.handlingNoteHelp')}
          value={value.handlingNote}
          onChange={(e) => set('handlingNote', e.currentTarget.value)}
          autosize
          minRows={2}
          required
          error={errorAt('/body/policy/handlingNote')}
        />
      )}
      <Group grow>
        <TextInput
          label={t('policy.purpose')}
          description={t('policy.purposeHelp')}
          value={value.purpose}
          onChange={(e) => set('purpose', e.currentTarget.value)}
          maxLength={500}
          error={errorAt('/body/policy/purpose')}
        />
      </Group>
    </Stack>
  );
}
