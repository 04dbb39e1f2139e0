import { Alert } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

const KNOWN = new Set([
  'forbidden',
  'not-found',
  'conflict',
  'validation',
  'csrf',
  'rate-limited',
  'internal',
  'session-expired',
  'unauthenticated',
  'mfa-enrolment-required',
  'agency-suspended',
  'account-disabled',
  'invalid-otp',
  'mfa-already-enabled',
]);

/** The field an error names, as a word: `/body/data/nationalities/0` → `nationalities`. */
function fieldWord(pointer: string): string {
  const names = pointer
    .split('/')
    .filter((p) => p && !/^\d+$/.test(p) && !['body', 'query', 'data'].includes(p));
  return names.at(-1) ?? pointer;
}

/**
 * The form's labels of the fields it shows errors at, by their path in the request body
 * (`to`, `form/offence`): a banner names those as the officer sees them, never `to: must
 * not be empty`.
 */
export type FieldLabels = Record<string, string>;

function labelOf(pointer: string, labels: FieldLabels): string | undefined {
  const key = Object.keys(labels)
    .filter((k) => pointer === `/body/${k}` || pointer.startsWith(`/body/${k}/`))
    .sort((a, b) => b.length - a.length)[0];
  return key === undefined ? undefined : labels[key];
}

/** A sentence for an error, in the user's language; the server's detail follows where it helps. */
export function problemMessage(t: TFunction, error: unknown, labels: FieldLabels = {}): string {
  if (!(error instanceof ApiError)) return t('errors.network');
  const known = KNOWN.has(error.slug) ? t(`errors.${error.slug}`) : t('errors.unknown');
  // Field errors by the form's label (the message is at the field), else by the field's
  // name, not the JSON path of the request (what the form has no place for).
  if (error.slug === 'validation' && error.errors.length > 0) {
    const labelled = [
      ...new Set(error.errors.map((e) => labelOf(e.field, labels)).filter((l): l is string => !!l)),
    ];
    const others = error.errors
      .filter((e) => !labelOf(e.field, labels))
      .map((e) => `${fieldWord(e.field)}: ${e.message}`);
    const parts = [known];
    if (labelled.length) parts.push(t('errors.checkFields', { fields: labelled.join(', ') }));
    if (others.length) parts.push(`(${others.join('; ')})`);
    return parts.join(' ');
  }
  // The server's detail names the field or the conflicting object; it is in English.
  const specific = ['conflict', 'validation', 'forbidden'].includes(error.slug) && error.message;
  return specific && specific !== known ? `${known} (${specific})` : known;
}

export function ProblemAlert({
  error,
  title,
  labels,
}: {
  error: unknown;
  title?: string;
  labels?: FieldLabels;
}) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title={title} role="alert">
      {problemMessage(t, error, labels)}
    </Alert>
  );
}
