import { Badge, Group, Text, Tooltip } from '@mantine/core';
import { IconAlarm, IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatRelative, utcString } from '../../i18n/format';
import { type UrgentRequest, type UrgentStatus, useNow } from './queries';

const STATUS_COLOURS: Record<UrgentStatus, string> = {
  sent: 'orange',
  acknowledged: 'blue',
  'in-progress': 'navy',
  executed: 'teal',
  refused: 'red',
  expired: 'gray',
};

export function UrgentStatusBadge({ status }: { status: UrgentStatus }) {
  const { t } = useTranslation();
  return (
    <Badge
      size="sm"
      radius="sm"
      variant="light"
      color={STATUS_COLOURS[status]}
      data-testid="urgent-status"
      data-status={status}
    >
      {t(`urgent.status.${status}`)}
    </Badge>
  );
}

/**
 * The clock that matters now: the acknowledgement deadline until acknowledged, then the
 * completion deadline, then (executed preservations) the preservation's end.
 */
export function UrgentClock({ request }: { request: UrgentRequest }) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  const locale = i18n.resolvedLanguage ?? 'en';
  const open = ['sent', 'acknowledged', 'in-progress'].includes(request.status);
  let label: string;
  let due: string | null = null;
  let preserved = false;
  if (request.status === 'sent') {
    label = t('urgent.clock.acknowledge');
    due = request.ackDueAt;
  } else if (open) {
    label = t('urgent.clock.complete');
    due = request.completeDueAt;
  } else if (request.status === 'executed' && request.preservedUntil) {
    label = t('urgent.clock.preservedUntil');
    due = request.preservedUntil;
    preserved = true;
  } else
    return (
      <Text fz="xs" c="dimmed">
        —
      </Text>
    );
  const late = open && new Date(due).getTime() <= now;
  return (
    <Tooltip label={utcString(due)} withArrow>
      <Group
        gap={4}
        wrap="nowrap"
        c={late ? 'var(--mantine-color-red-light-color)' : undefined}
        data-testid="urgent-clock"
        data-overdue={late ? 'true' : undefined}
        tabIndex={0}
      >
        {late ? <IconAlertTriangle size={14} /> : <IconAlarm size={14} />}
        <Text fz="xs" fw={late ? 700 : 400}>
          {late
            ? t('urgent.clock.overdue', { label, when: formatRelative(due, locale, now) })
            : preserved
              ? // "preserved until 5 Mar 2027 (in 91 days)": a date after "until", not "until in 91 days".
                t('urgent.clock.preservedUntilDate', {
                  date: formatDate(due, locale),
                  when: formatRelative(due, locale, now),
                })
              : `${label} ${formatRelative(due, locale, now)}`}
        </Text>
      </Group>
    </Tooltip>
  );
}
