import { MAX_REVIEW_YEARS } from '../platform/config.ts';
import { addYears } from '../platform/dates.ts';
import type { RecordKindName } from '../platform/record-kind-names.ts';

/** What is wrong with a record's next review date, if anything (the same for a write, an extension and an import). */
export function reviewDateProblem(reviewAt: Date, now: Date): string | null {
  if (Number.isNaN(reviewAt.getTime())) return 'must be an ISO 8601 time';
  if (reviewAt <= now) return 'must be in the future';
  if (reviewAt > addYears(now, MAX_REVIEW_YEARS)) return `at most ${MAX_REVIEW_YEARS} years ahead`;
  return null;
}

/**
 * A new record's review date when its owner gives none: the network's period for its kind
 * (CONCORD_REVIEW_YEARS) or the kind's default (persons 5 years, travel documents 10, others 5).
 */
export function defaultReviewAt(
  reviewYears: Partial<Record<RecordKindName, number>>,
  kind: { kind: string; defaultReviewYears: number },
  now: Date,
): Date {
  return addYears(now, reviewYears[kind.kind as RecordKindName] ?? kind.defaultReviewYears);
}
