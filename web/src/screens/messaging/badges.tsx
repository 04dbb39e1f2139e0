import { Alert, Badge, Group, List, Text, Tooltip } from '@mantine/core';
import {
  IconAlertTriangle,
  IconLock,
  IconRosetteDiscountCheck,
  IconShieldQuestion,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { TlpBadge } from '../records/display';
import type { Message, Priority, Verification } from './queries';

const PRIORITY_COLOURS: Record<Priority, string> = { routine: 'gray', urgent: 'orange', flash: 'red' };

export function PriorityBadge({ priority }: { priority: Priority }) {
  const { t } = useTranslation();
  if (priority === 'routine') return null;
  return (
    <Badge
      size="sm"
      radius="sm"
      variant={priority === 'flash' ? 'filled' : 'light'}
      color={priority === 'flash' ? 'red.9' : PRIORITY_COLOURS[priority]}
    >
      {t(`messaging.priority.${priority}`)}
    </Badge>
  );
}

/** Handling code, TLP and evaluation, each with what it means on hover. */
export function MarkingBadges({
  message,
}: {
  message: Pick<Message, 'handling' | 'handlingNote' | 'tlp' | 'evaluation'>;
}) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="nowrap" className="marking-badges">
      <Tooltip
        label={message.handlingNote ?? t(`messaging.handlingHelp.${message.handling}`)}
        withArrow
        multiline
        w={280}
      >
        <Badge size="sm" radius="sm" variant="outline" color="navy" tabIndex={0} className="tooltip-trigger">
          {message.handling}
        </Badge>
      </Tooltip>
      <TlpBadge tlp={message.tlp} />
      {message.evaluation && (
        <Tooltip label={t('messaging.evaluationHelp')} withArrow>
          <Badge
            size="sm"
            radius="sm"
            variant="outline"
            color="gray"
            tabIndex={0}
            className="tooltip-trigger"
          >
            {message.evaluation}
          </Badge>
        </Tooltip>
      )}
    </Group>
  );
}

/** The verification result, small (lists): never hidden when it failed. */
export function VerificationIcon({ verification }: { verification: Verification }) {
  const { t } = useTranslation();
  const label = t(`messaging.verification.${verification.status}`);
  const Icon =
    verification.status === 'valid'
      ? IconRosetteDiscountCheck
      : verification.status === 'invalid'
        ? IconAlertTriangle
        : IconShieldQuestion;
  const colour =
    verification.status === 'valid' ? 'teal' : verification.status === 'invalid' ? 'red' : 'gray';
  return (
    <Tooltip label={label} withArrow>
      <span className="verification-icon" data-status={verification.status} role="img" aria-label={label}>
        <Icon size={16} color={`var(--mantine-color-${colour}-7)`} />
      </span>
    </Tooltip>
  );
}

/** The verification result in full (a message's view): every failed check in words. */
export function VerificationPanel({ verification }: { verification: Verification }) {
  const { t } = useTranslation();
  if (verification.status === 'invalid')
    return (
      <Alert
        color="red"
        variant="light"
        icon={<IconAlertTriangle size={18} />}
        title={t('messaging.verification.invalidTitle')}
        role="alert"
        data-testid="verification"
        data-status="invalid"
      >
        <List size="sm">
          {verification.problems.map((p) => (
            <List.Item key={p}>{p}</List.Item>
          ))}
        </List>
      </Alert>
    );
  return (
    <Group gap={6} data-testid="verification" data-status={verification.status}>
      <VerificationIcon verification={verification} />
      <Text fz="sm" c={verification.status === 'valid' ? 'var(--mantine-color-teal-light-color)' : 'dimmed'}>
        {verification.status === 'valid'
          ? t('messaging.verification.validBy', { agency: verification.signer?.agency ?? '' })
          : t('messaging.verification.unverifiable')}
      </Text>
      {verification.warnings.map((w) => (
        <Text key={w} fz="xs" c="var(--mantine-color-orange-light-color)">
          {w}
        </Text>
      ))}
    </Group>
  );
}

export function SealedNotice() {
  const { t } = useTranslation();
  return (
    <Group gap={6} c="dimmed">
      <IconLock size={16} />
      <Text fz="sm" fs="italic">
        {t('messaging.sealed')}
      </Text>
    </Group>
  );
}
