import {
  Card,
  Group,
  Image,
  List,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
  type TitleOrder,
} from '@mantine/core';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { countryName, formatLocale, formatNumber } from '../../i18n/format';
import type { ExtractDetail, PublicType } from './publicApi';

/**
 * One public extract, field by field, in the reader's language: the public page shows it,
 * and a notice's page shows the same component as its preview, so that requesters and
 * reviewers see exactly what the public will.
 */

/** The public API's dates are YYYY/MM/DD (or YYYY/MM, YYYY): shown in the reader's form, as written. */
export function publicDate(value: unknown): string | null {
  if (typeof value !== 'string' || !value) return null;
  const [year, month, day] = value.split('/').map(Number);
  if (!year) return value;
  const options: Intl.DateTimeFormatOptions = { timeZone: 'UTC', year: 'numeric' };
  if (month) options.month = 'long';
  if (day) options.day = 'numeric';
  return new Intl.DateTimeFormat(formatLocale(), options).format(
    new Date(Date.UTC(year, (month || 1) - 1, day || 1)),
  );
}

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() ? value : typeof value === 'number' ? String(value) : null;

const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(String).filter(Boolean) : []);

function languageName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(code.toLowerCase()) ?? code;
  } catch {
    return code;
  }
}

/** The printed name: forenames, then the family name (as the public API splits them). */
export function extractName(detail: { forename?: unknown; name?: unknown }): string {
  return [text(detail.forename), text(detail.name)].filter(Boolean).join(' ');
}

type Row = [label: string, value: ReactNode];

function Rows({ rows, testId }: { rows: Row[]; testId?: string }) {
  const shown = rows.filter(([, v]) => v !== null && v !== '' && v !== undefined);
  if (shown.length === 0) return null;
  return (
    <Table fz="sm" verticalSpacing={4} withRowBorders={false} data-testid={testId}>
      <Table.Tbody>
        {shown.map(([label, value]) => (
          <Table.Tr key={label}>
            <Table.Th w="38%" fw={500} c="dimmed" scope="row">
              {label}
            </Table.Th>
            <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Text the requester wrote, in its own language and direction. */
function written(value: unknown): ReactNode {
  const v = text(value);
  return v ? <bdi dir="auto">{v}</bdi> : null;
}

function identityRows(detail: ExtractDetail, t: TFunction, locale: string): Row[] {
  const sex = text(detail.sex_id);
  return [
    [t('publicNotices.fields.dateOfBirth'), publicDate(detail.date_of_birth)],
    [t('publicNotices.fields.placeOfBirth'), written(detail.place_of_birth)],
    [t('publicNotices.fields.countryOfBirth'), countryName(text(detail.country_of_birth_id)) || null],
    [
      t('publicNotices.fields.nationalities'),
      list(detail.nationalities)
        .map((c) => countryName(c))
        .join(', ') || null,
    ],
    [t('publicNotices.fields.sex'), sex ? t(`publicNotices.sex.${sex}`, { defaultValue: sex }) : null],
    ...(detail.birth_name ? [[t('publicNotices.fields.birthName'), written(detail.birth_name)] as Row] : []),
    [
      t('publicNotices.fields.originalScript'),
      text(detail.name_in_original_script) ? (
        <bdi dir="auto" key="o">
          {[text(detail.forename_in_original_script), text(detail.name_in_original_script)]
            .filter(Boolean)
            .join(' ')}
        </bdi>
      ) : null,
    ],
    [
      t('publicNotices.fields.aliases'),
      list(detail.aliases).length ? written(list(detail.aliases).join(' · ')) : null,
    ],
    [
      t('publicNotices.fields.languages'),
      list(detail.languages_spoken_ids)
        .map((c) => languageName(c, locale))
        .join(', ') || null,
    ],
  ];
}

function descriptionRows(detail: ExtractDetail, t: TFunction): Row[] {
  const codes = (value: unknown) =>
    list(value)
      .map((c) => t(`noticeOptions.${c}`, { defaultValue: c }))
      .join(', ') || null;
  const height = typeof detail.height === 'number' ? detail.height : null;
  const weight = typeof detail.weight === 'number' ? detail.weight : null;
  return [
    [
      t('publicNotices.fields.height'),
      height ? t('publicNotices.metres', { value: formatNumber(height) }) : null,
    ],
    [
      t('publicNotices.fields.weight'),
      weight ? t('publicNotices.kilograms', { value: formatNumber(weight) }) : null,
    ],
    [t('publicNotices.fields.eyes'), codes(detail.eyes_colors_id)],
    [t('publicNotices.fields.hair'), codes(detail.hairs_id)],
    [t('publicNotices.fields.marks'), written(detail.distinguishing_marks)],
  ];
}

function Section({ title, order, children }: { title: string; order: TitleOrder; children: ReactNode }) {
  return (
    <Card withBorder radius="md" p="md">
      <Title order={order} fz="h5" mb="xs">
        {title}
      </Title>
      {children}
    </Card>
  );
}

export function ExtractView({
  type,
  detail,
  photos,
  level = 2,
}: {
  type: PublicType;
  detail: ExtractDetail;
  /** Image paths on this origin. */
  photos: string[];
  /** The heading level of the sections (2 on the public page, 3 inside a preview). */
  level?: 2 | 3;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? 'en';
  const name = extractName(detail);
  const warrants = Array.isArray(detail.arrest_warrants)
    ? (detail.arrest_warrants as {
        issuing_country_id?: string;
        charge?: string;
        charge_translation?: string;
      }[])
    : [];
  const described = descriptionRows(detail, t).some(([, v]) => v !== null && v !== undefined);
  return (
    <Stack gap="md" data-testid="public-extract" data-entity-id={detail.entity_id}>
      <Group align="flex-start" gap="md" wrap="wrap">
        {photos.length > 0 ? (
          <SimpleGrid
            cols={{ base: 2, sm: Math.min(photos.length, 3) }}
            spacing="xs"
            data-testid="extract-photos"
          >
            {photos.map((src, i) => (
              <Image
                key={src}
                src={src}
                alt={
                  photos.length > 1
                    ? `${t('publicNotices.photoAlt', { name })} (${i + 1}/${photos.length})`
                    : t('publicNotices.photoAlt', { name })
                }
                w={160}
                radius="sm"
              />
            ))}
          </SimpleGrid>
        ) : (
          <Text c="dimmed" fz="sm" data-testid="extract-no-photo">
            {t('publicNotices.noPhoto')}
          </Text>
        )}
        <Stack gap={0} style={{ flex: 1, minWidth: 260 }}>
          <Title order={level} fz="h5">
            {t('publicNotices.sections.identity')}
          </Title>
          <Rows
            testId="extract-identity"
            rows={[
              [
                t('publicNotices.reference'),
                <span key="r" dir="ltr">
                  {detail.entity_id}
                </span>,
              ],
              ...identityRows(detail, t, locale),
            ]}
          />
        </Stack>
      </Group>
      {described && (
        <Section title={t('publicNotices.sections.description')} order={level}>
          <Rows rows={descriptionRows(detail, t)} />
        </Section>
      )}
      {type === 'red' && warrants.length > 0 && (
        <Section title={t('publicNotices.sections.charges')} order={level}>
          <List spacing="sm" listStyleType="none" data-testid="extract-charges">
            {warrants.map((w, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: warrants have no id and never move
              <List.Item key={i}>
                <Rows
                  rows={[
                    [t('publicNotices.fields.issuingCountry'), countryName(w.issuing_country_id) || null],
                    [t('publicNotices.fields.charge'), written(w.charge)],
                    [
                      t('publicNotices.fields.chargeTranslation'),
                      w.charge_translation ? (
                        <span key="e" lang="en" dir="ltr">
                          {w.charge_translation}
                        </span>
                      ) : null,
                    ],
                  ]}
                />
              </List.Item>
            ))}
          </List>
        </Section>
      )}
      {type === 'yellow' && (
        <Section title={t('publicNotices.sections.disappearance')} order={level}>
          <Rows
            rows={[
              [t('publicNotices.fields.dateOfEvent'), publicDate(detail.date_of_event)],
              [t('publicNotices.fields.place'), written(detail.place)],
              [t('publicNotices.fields.country'), countryName(text(detail.country)) || null],
              [t('publicNotices.fields.fatherForename'), written(detail.father_forename)],
              [t('publicNotices.fields.motherForename'), written(detail.mother_forename)],
              [t('publicNotices.fields.motherName'), written(detail.mother_name)],
            ]}
          />
        </Section>
      )}
      {type === 'un' && (
        <Section title={t('publicNotices.sections.listing')} order={level}>
          <Rows
            rows={[
              [
                t('publicNotices.fields.unReference'),
                text(detail.un_reference) ? (
                  <span key="u" dir="ltr">
                    {text(detail.un_reference)}
                  </span>
                ) : null,
              ],
              [t('publicNotices.fields.unResolution'), written(detail.un_resolution)],
              [t('publicNotices.fields.listedOn'), publicDate(detail.un_reference_date)],
              [t('publicNotices.fields.summary'), written(detail.summary)],
            ]}
          />
        </Section>
      )}
    </Stack>
  );
}
