import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const STATUS_COLOURS: Record<string, string> = {
  active: 'teal',
  success: 'teal',
  suspended: 'orange',
  disabled: 'gray',
  expired: 'gray',
  revoked: 'red',
  failure: 'red',
  denied: 'orange',
};

/** A status word (active, revoked, denied…) as a coloured, translated badge. */
export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Badge
      variant="light"
      color={STATUS_COLOURS[status] ?? 'gray'}
      size="sm"
      radius="sm"
      className="status-badge"
    >
      {t(`status.${status}`, { defaultValue: status })}
    </Badge>
  );
}

export function RoleBadge({ role }: { role: string }) {
  const { t } = useTranslation();
  return (
    <Badge variant="outline" color="gray" size="sm" radius="sm" tt="none" fw={500} className="role-badge">
      {t(`roles.${role}`, { defaultValue: role })}
    </Badge>
  );
}
