import { useTranslation } from 'react-i18next';
import { currentLocale } from './index';

/** The user's time zone (the browser's), shown in the user menu. */
export const TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * The locale for dates and numbers: the browser's own tag when it is a variant of the
 * interface language (en-GB keeps its 24-hour clock), else the interface language.
 */
export function formatLocale(language: string = currentLocale()): string {
  const preferred = typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
  return preferred.find((tag) => tag.toLowerCase().split('-')[0] === language) ?? language;
}

function toDate(value: string | Date): Date {
  return typeof value === 'string' ? new Date(value) : value;
}

/** 2026-03-14 09:26:53 UTC: the unambiguous form shown on hover. */
export function utcString(value: string | Date): string {
  return `${toDate(value)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, '')} UTC`;
}

export function formatDateTime(
  value: string | Date,
  locale: string = currentLocale(),
  seconds = false,
): string {
  return new Intl.DateTimeFormat(formatLocale(locale), {
    dateStyle: 'medium',
    timeStyle: seconds ? 'medium' : 'short',
  }).format(toDate(value));
}

export function formatDate(value: string | Date, locale: string = currentLocale()): string {
  return new Intl.DateTimeFormat(formatLocale(locale), { dateStyle: 'medium' }).format(toDate(value));
}

export function formatNumber(value: number, locale: string = currentLocale()): string {
  return new Intl.NumberFormat(formatLocale(locale)).format(value);
}

export function formatRelative(
  value: string | Date,
  locale: string = currentLocale(),
  now = Date.now(),
): string {
  const seconds = Math.round((toDate(value).getTime() - now) / 1000);
  const rtf = new Intl.RelativeTimeFormat(formatLocale(locale), { numeric: 'auto' });
  const abs = Math.abs(seconds);
  if (abs < 60) return rtf.format(seconds, 'second');
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return rtf.format(Math.round(seconds / 3600), 'hour');
  return rtf.format(Math.round(seconds / 86_400), 'day');
}

export function countryName(code: string | null | undefined, locale: string = currentLocale()): string {
  if (!code) return '';
  try {
    return new Intl.DisplayNames([locale], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** A time in the user's zone, with the UTC time on hover. */
export function DateTime({
  value,
  seconds,
  relative,
  dateOnly,
}: {
  value: string | null | undefined;
  seconds?: boolean;
  relative?: boolean;
  /** The day only (review dates, deadlines). */
  dateOnly?: boolean;
}) {
  const { i18n, t } = useTranslation();
  if (!value) return <span>{t('common.never')}</span>;
  const locale = i18n.resolvedLanguage ?? 'en';
  return (
    <time dateTime={value} title={utcString(value)}>
      {relative
        ? formatRelative(value, locale)
        : dateOnly
          ? formatDate(value, locale)
          : formatDateTime(value, locale, seconds)}
    </time>
  );
}
