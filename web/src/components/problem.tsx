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

/** A sentence for an error, in the user's language; the server's detail follows where it helps. */
export function problemMessage(t: TFunction, error: unknown): string {
  if (!(error instanceof ApiError)) return t('errors.network');
  const known = KNOWN.has(error.slug) ? t(`errors.${error.slug}`) : t('errors.unknown');
  // Field errors by the field's name, not the JSON path of the request (forms also show
  // them at their fields; this lists those a form has no place for).
  if (error.slug === 'validation' && error.errors.length > 0)
    return `${known} (${error.errors.map((e) => `${fieldWord(e.field)}: ${e.message}`).join('; ')})`;
  // The server's detail names the field or the conflicting object; it is in English.
  const specific = ['conflict', 'validation', 'forbidden'].includes(error.slug) && error.message;
  return specific && specific !== known ? `${known} (${specific})` : known;
}

export function ProblemAlert({ error, title }: { error: unknown; title?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title={title} role="alert">
      {problemMessage(t, error)}
    </Alert>
  );
}
