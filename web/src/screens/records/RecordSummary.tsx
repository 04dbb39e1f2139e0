import { useTranslation } from 'react-i18next';
import { type SummarisedRecord, summaryParts, summaryText } from './summary.ts';

/** Codes up to this length are never broken across lines. */
const NO_WRAP_UP_TO = 24;

/**
 * A record's summary in the reader's language (summary.ts), or the server's English one for
 * data it does not understand. The line runs in the interface's direction; each name and
 * identifier in it is isolated (a Cyrillic name, a Latin plate in an Arabic line).
 */
export function RecordSummary({ record }: { record: SummarisedRecord }) {
  const { t, i18n } = useTranslation();
  const parts = summaryParts(record.kind, record.data, t);
  if (!parts) return <bdi>{record.summary}</bdi>;
  return (
    <bdi dir={i18n.dir()} data-testid="record-summary">
      {parts.map((part, i) =>
        typeof part === 'string' ? (
          part
        ) : (
          <bdi
            key={`${part.value}-${String(i)}`}
            dir={part.dir}
            // A short code in one piece: a date or a plate broken at its dash reads, in a
            // right-to-left line, as two numbers in the wrong order. Long ones (hashes, URLs) wrap.
            style={
              part.dir === 'ltr' && part.value.length <= NO_WRAP_UP_TO ? { whiteSpace: 'nowrap' } : undefined
            }
          >
            {part.value}
          </bdi>
        ),
      )}
    </bdi>
  );
}

/** The summary as plain text in the reader's language, for labels and titles. */
export function useRecordSummaryText(): (record: SummarisedRecord) => string {
  const { t } = useTranslation();
  return (record) => summaryText(record, t);
}
