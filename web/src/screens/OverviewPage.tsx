import { Badge, Card, Group, Kbd, SimpleGrid, Stack, Text, ThemeIcon, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../auth/session';
import { RoleBadge, StatusBadge } from '../components/badges';
import { PageHeader } from '../components/PageHeader';
import { countryName, DateTime, formatNumber } from '../i18n/format';
import { allowedItems } from '../shell/navigation';

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Group justify="space-between" gap="xs" wrap="nowrap" className="field-row">
      <Text fz="sm" c="dimmed">
        {label}
      </Text>
      <Text fz="sm" component="div" ta="end">
        {children}
      </Text>
    </Group>
  );
}

/** The landing screen: who I am, for whom I act, and where I can go. */
export function OverviewPage() {
  const { t } = useTranslation();
  const me = useMe();
  const name = me.user?.displayName ?? '';
  const screens = allowedItems(me.permissions).filter((item) => item.path !== '/');
  return (
    <>
      <PageHeader
        title={t('overview.title')}
        description={t('overview.signedInAs', { name, agency: me.agency.name })}
      />
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md" mb="lg">
        <Card withBorder padding="md" radius="md">
          <Text fw={600} fz="sm" mb="xs" component="h2">
            {t('overview.agency')}
          </Text>
          <Stack gap={6}>
            <Field label={t('agencies.name')}>
              <Link to={`/agencies/${me.agency.code}`}>{me.agency.name}</Link>
            </Field>
            <Field label={t('agencies.code')}>
              <code>{me.agency.code}</code>
            </Field>
            <Field label={t('agencies.kind')}>{t(`kinds.${me.agency.kind}`)}</Field>
            <Field label={t('agencies.country')}>{countryName(me.agency.country) || '—'}</Field>
            <Field label={t('agencies.status')}>
              <StatusBadge status={me.agency.status} />
            </Field>
          </Stack>
        </Card>
        <Card withBorder padding="md" radius="md">
          <Text fw={600} fz="sm" mb="xs" component="h2">
            {t('overview.access')}
          </Text>
          <Group gap={6} mb="sm">
            {me.roles.map((role) => (
              <RoleBadge key={role} role={role} />
            ))}
          </Group>
          <Text fz="sm" c="dimmed">
            {t('overview.permissions', {
              count: me.permissions.length,
              formatted: formatNumber(me.permissions.length),
            })}
          </Text>
          <Group gap={4} mt={6}>
            {me.permissions.map((p) => (
              <Badge
                key={p}
                size="xs"
                variant="light"
                color="gray"
                radius="sm"
                tt="none"
                className="perm-badge"
              >
                {p}
              </Badge>
            ))}
          </Group>
        </Card>
        <Card withBorder padding="md" radius="md">
          <Text fw={600} fz="sm" mb="xs" component="h2">
            {t('overview.session')}
          </Text>
          <Stack gap={6}>
            <Field label={t('users.username')}>
              <code>{me.user?.username}</code>
            </Field>
            <Field label={t('overview.mfa')}>{me.user?.mfaEnabled ? t('common.yes') : t('common.no')}</Field>
            <Field label={t('overview.idleTimeout')}>
              {t('overview.minutes', {
                count: Math.round((me.session?.idleTimeoutSeconds ?? 0) / 60),
                formatted: formatNumber(Math.round((me.session?.idleTimeoutSeconds ?? 0) / 60)),
              })}
            </Field>
            <Field label={t('sessions.expires')}>
              <DateTime value={me.session?.expiresAt} />
            </Field>
          </Stack>
        </Card>
      </SimpleGrid>
      <Text fw={600} fz="sm" mb="xs" component="h2">
        {t('overview.goTo')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
        {screens.map((item) => (
          <UnstyledButton key={item.key} component={Link} to={item.path} className="screen-tile">
            <Group wrap="nowrap" align="flex-start" gap="sm">
              <ThemeIcon variant="light" color="navy" size={34} radius="md" aria-hidden>
                <item.icon size={20} stroke={1.6} />
              </ThemeIcon>
              <div style={{ flex: 1 }}>
                <Group justify="space-between" wrap="nowrap">
                  <Text fw={600} fz="sm">
                    {t(`nav.${item.key}`)}
                  </Text>
                  <Group gap={2} dir="ltr" aria-hidden>
                    <Kbd size="xs">g</Kbd>
                    <Kbd size="xs">{item.shortcut}</Kbd>
                  </Group>
                </Group>
                <Text fz="xs" c="dimmed">
                  {t(`overview.describe.${item.key}`)}
                </Text>
              </div>
            </Group>
          </UnstyledButton>
        ))}
      </SimpleGrid>
    </>
  );
}
