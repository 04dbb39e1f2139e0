import { Badge, Group, List, Text, ThemeIcon } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconCircleX, IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Finding, NoticeTypeSpec } from './queries';

/** The type's colour, as on the printed notice. */
export function TypeBadge({ type, spec }: { type: string; spec?: NoticeTypeSpec }) {
  const { t } = useTranslation();
  const colour = spec?.colour ?? '#555';
  return (
    <Badge
      radius="sm"
      size="sm"
      variant="filled"
      style={{ background: colour, color: type === 'yellow' ? '#000' : '#fff' }}
      data-testid="type-badge"
    >
      {t(`noticeTypes.${type}`, { defaultValue: spec?.title ?? type })}
    </Badge>
  );
}

const STATUS_COLOURS: Record<string, string> = {
  draft: 'gray',
  submitted: 'blue',
  'under-review': 'indigo',
  returned: 'orange',
  refused: 'red',
  published: 'teal',
  circulated: 'teal',
  suspended: 'yellow',
  cancelled: 'gray',
  expired: 'gray',
  withdrawn: 'red',
};

export function NoticeStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Badge
      variant="light"
      radius="sm"
      size="sm"
      color={STATUS_COLOURS[status] ?? 'gray'}
      data-testid="notice-status"
      data-status={status}
    >
      {t(`noticeStatus.${status}`, { defaultValue: status })}
    </Badge>
  );
}

const ICONS = {
  ok: { icon: IconCircleCheck, colour: 'teal' },
  info: { icon: IconInfoCircle, colour: 'blue' },
  warning: { icon: IconAlertTriangle, colour: 'orange' },
  error: { icon: IconCircleX, colour: 'red' },
};

/** The automatic checks' findings, problems first. */
export function Findings({ findings }: { findings: Finding[] }) {
  const { t } = useTranslation();
  const order = { error: 0, warning: 1, info: 2, ok: 3 };
  const sorted = [...findings].sort((a, b) => order[a.severity] - order[b.severity]);
  if (sorted.length === 0)
    return (
      <Text c="dimmed" fz="sm">
        {t('notices.noFindings')}
      </Text>
    );
  return (
    <List spacing={6} size="sm" center data-testid="findings">
      {sorted.map((f, i) => {
        const { icon: Icon, colour } = ICONS[f.severity];
        return (
          <List.Item
            // biome-ignore lint/suspicious/noArrayIndexKey: findings have no id and never reorder
            key={i}
            data-testid="finding"
            data-severity={f.severity}
            data-check={f.check}
            icon={
              <ThemeIcon
                color={colour}
                size={20}
                radius="xl"
                variant="light"
                // A label on a plain element is not read out: an image with a name is.
                role="img"
                aria-label={t(`notices.severity.${f.severity}`)}
              >
                <Icon size={14} />
              </ThemeIcon>
            }
          >
            <Group gap={6} wrap="nowrap" align="baseline">
              <Text fz="xs" c="dimmed" tt="uppercase" fw={600}>
                {t(`notices.checks.${f.check}`, { defaultValue: f.check })}
              </Text>
              <Text fz="sm">{f.message}</Text>
            </Group>
          </List.Item>
        );
      })}
    </List>
  );
}
