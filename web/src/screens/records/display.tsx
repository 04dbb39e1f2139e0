import { Badge, Group, Table, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { countryName } from '../../i18n/format';
import { CHAIN_LABELS, type FieldSpec, KIND_FIELDS, KIND_ICONS, photoFieldOf } from './kinds';
import type { RecordKindName, RecordPolicy } from './queries';

/** TLP 2.0 colours as FIRST defines them (text on black for CLEAR is shown as an outline). */
const TLP_STYLE: Record<string, { bg: string; fg: string }> = {
  CLEAR: { bg: '#ffffff', fg: '#1a1b1e' },
  GREEN: { bg: '#1f6b2c', fg: '#ffffff' },
  AMBER: { bg: '#8a5300', fg: '#ffffff' },
  'AMBER+STRICT': { bg: '#8a5300', fg: '#ffffff' },
  RED: { bg: '#b0181b', fg: '#ffffff' },
};

export function TlpBadge({ tlp }: { tlp: string }) {
  const style = TLP_STYLE[tlp] ?? TLP_STYLE.CLEAR!;
  return (
    <Badge
      size="sm"
      radius="sm"
      variant="filled"
      className="tlp-badge"
      styles={{ root: { background: style.bg, color: style.fg, border: '1px solid #1a1b1e' } }}
      data-testid="tlp"
    >
      <span dir="ltr">TLP:{tlp}</span>
    </Badge>
  );
}

export function KindBadge({ kind }: { kind: string }) {
  const { t } = useTranslation();
  const Icon = KIND_ICONS[kind as RecordKindName];
  return (
    <Badge
      size="sm"
      radius="sm"
      variant="light"
      color="navy"
      leftSection={Icon ? <Icon size={12} stroke={1.8} /> : undefined}
      className="kind-badge"
    >
      {t(`recordKinds.${kind}`, { defaultValue: kind })}
    </Badge>
  );
}

/** A record from a private partner: threat data from a company, not police information. */
export function PartnerBadge() {
  const { t } = useTranslation();
  return (
    <Tooltip label={t('record.fromPartnerHelp')} withArrow multiline w={280}>
      <Badge size="sm" radius="sm" variant="outline" color="grape" data-testid="from-partner" tabIndex={0}>
        {t('record.fromPartner')}
      </Badge>
    </Tooltip>
  );
}

const RECORD_STATUS_COLOURS: Record<string, string> = { active: 'teal', lapsed: 'orange', deleted: 'red' };

export function RecordStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Badge size="sm" radius="sm" variant="light" color={RECORD_STATUS_COLOURS[status] ?? 'gray'}>
      {t(`recordStatus.${status}`, { defaultValue: status })}
    </Badge>
  );
}

/** Visibility, hit-only, handling code, evaluation and TLP as a row of badges with explanations. */
export function PolicyBadges({ policy }: { policy: RecordPolicy }) {
  const { t } = useTranslation();
  const audience = [...(policy.agencies ?? []), ...(policy.countries ?? [])];
  return (
    <Group gap={4} wrap="wrap" className="policy-badges">
      <Tooltip label={t(`policy.visibilityHelp.${policy.visibility}`)} withArrow>
        <Badge
          size="sm"
          radius="sm"
          variant="outline"
          color={policy.visibility === 'all' ? 'gray' : 'navy'}
          className="tooltip-trigger"
          tabIndex={0}
        >
          {t(`policy.visibility.${policy.visibility}`)}
          {audience.length > 0 && (
            <span dir="ltr">
              {' '}
              {audience.slice(0, 4).join(', ')}
              {audience.length > 4 ? ` +${audience.length - 4}` : ''}
            </span>
          )}
        </Badge>
      </Tooltip>
      {policy.hitOnly && (
        <Badge size="sm" radius="sm" variant="light" color="orange">
          {t('policy.hitOnlyBadge')}
        </Badge>
      )}
      {policy.handling && (
        <Tooltip label={t(`policy.handlingHelp.${policy.handling}`)} withArrow multiline w={280}>
          <Badge size="sm" radius="sm" variant="light" color="grape" className="tooltip-trigger" tabIndex={0}>
            {policy.handling}
          </Badge>
        </Tooltip>
      )}
      {policy.evaluation && (
        <Tooltip
          label={t('policy.evaluationHelp', {
            source: t(`policy.reliability.${policy.evaluation[0]}`),
            accuracy: t(`policy.accuracy.${policy.evaluation[1]}`),
          })}
          withArrow
          multiline
          w={280}
        >
          <Badge size="sm" radius="sm" variant="light" color="gray" className="tooltip-trigger" tabIndex={0}>
            {policy.evaluation}
          </Badge>
        </Tooltip>
      )}
      {policy.tlp && <TlpBadge tlp={policy.tlp} />}
    </Group>
  );
}

/** One value of a record's data as text. */
export function useFieldText() {
  const { t } = useTranslation();
  return (spec: FieldSpec, value: unknown): string => {
    if (value === undefined || value === null || value === '') return '';
    switch (spec.type) {
      case 'select':
        return spec.plainOptions
          ? (CHAIN_LABELS[String(value)] ?? String(value))
          : t(`options.${spec.optionSet}.${String(value)}`, { defaultValue: String(value) });
      case 'country':
        return `${String(value)} · ${countryName(String(value))}`;
      case 'countries':
        return (value as string[]).join(', ');
      case 'lines':
        return (value as string[]).join('\n');
      default:
        return String(value);
    }
  };
}

interface PersonName {
  full: string;
  type?: string;
  script?: string;
}
interface PersonDocument {
  number: string;
  type: string;
  issuingCountry: string;
}

/** A record's data, field by field, labelled in the user's language. */
export function RecordDataTable({ kind, data }: { kind: string; data: Record<string, unknown> }) {
  const { t } = useTranslation();
  const text = useFieldText();
  const specs = KIND_FIELDS[kind as RecordKindName] ?? [];
  const known = new Set(specs.map((s) => s.key));
  // Photographs are shown as pictures, apart (RecordPhotos.tsx), not as their ids.
  const photos = photoFieldOf(kind);
  const extra = Object.keys(data).filter((k) => !known.has(k) && k !== photos);
  return (
    <Table fz="sm" verticalSpacing={5} className="detail-table" data-testid="record-data">
      <Table.Tbody>
        {specs.map((spec) => {
          const value = data[spec.key];
          if (value === undefined || (Array.isArray(value) && value.length === 0)) return null;
          let content: React.ReactNode;
          if (spec.type === 'names') {
            content = (
              <Group gap={4} wrap="wrap">
                {(value as PersonName[]).map((n, i) => (
                  <Text key={`${n.full}-${String(i)}`} span fz="sm" className="name-chip">
                    <bdi>{n.full}</bdi>
                    {(n.type || n.script) && (
                      <Text span c="dimmed" fz="xs" ms={4}>
                        {[n.type && t(`options.nameType.${n.type}`), n.script].filter(Boolean).join(' · ')}
                      </Text>
                    )}
                  </Text>
                ))}
              </Group>
            );
          } else if (spec.type === 'documents') {
            content = (value as PersonDocument[]).map((d, i) => (
              <div key={`${d.number}-${String(i)}`}>
                <span className="mono" dir="ltr">
                  {d.number}
                </span>{' '}
                <Text span c="dimmed" fz="xs">
                  {t(`options.documentType.${d.type}`, { defaultValue: d.type })} · {d.issuingCountry}
                </Text>
              </div>
            ));
          } else {
            const shown = text(spec, value);
            content = spec.mono ? (
              <span className="mono hash" dir="ltr">
                {shown}
              </span>
            ) : (
              <span className="pre-line">{shown}</span>
            );
          }
          return (
            <Table.Tr key={spec.key}>
              <Table.Th w={180} fw={500} c="dimmed" scope="row">
                {t(`fields.${spec.key}`)}
              </Table.Th>
              <Table.Td>{content}</Table.Td>
            </Table.Tr>
          );
        })}
        {extra.map((key) => (
          <Table.Tr key={key}>
            <Table.Th w={180} fw={500} c="dimmed" scope="row">
              {key}
            </Table.Th>
            <Table.Td className="mono">{JSON.stringify(data[key])}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** The identifying fields of a record in one short line, for cards and tables. */
export function keyFacts(kind: string, data: Record<string, unknown>): string[] {
  const specs = KIND_FIELDS[kind as RecordKindName] ?? [];
  const facts = specs
    .filter((s) => s.mono && typeof data[s.key] === 'string' && s.type !== 'textarea')
    .map((s) => String(data[s.key]));
  // A person is often found by a document's number: show the numbers, as a document's card does.
  if (kind === 'person' && Array.isArray(data.documents))
    for (const document of (data.documents as { number?: unknown; issuingCountry?: unknown }[]).slice(0, 3))
      if (typeof document?.number === 'string')
        facts.push(
          typeof document.issuingCountry === 'string'
            ? `${document.number} (${document.issuingCountry})`
            : document.number,
        );
  return facts;
}
