import {
  ActionIcon,
  Anchor,
  AppShell,
  Avatar,
  Badge,
  Box,
  Burger,
  Button,
  Divider,
  Group,
  Indicator,
  Kbd,
  Menu,
  Modal,
  NavLink,
  Popover,
  ScrollArea,
  Stack,
  Table,
  Text,
  TextInput,
  ThemeIcon,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconBell,
  IconBellOff,
  IconBuildingCommunity,
  IconClock,
  IconDeviceDesktop,
  IconHelp,
  IconKeyboard,
  IconLogout,
  IconSearch,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Suspense, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, NavLink as RouterNavLink, useLocation, useNavigate } from 'react-router';
import { api, unwrap } from '../api/client';
import { useMe, useSession } from '../auth/session';
import { countryName, DateTime, TIME_ZONE } from '../i18n/format';
import { MessagingAlerts } from '../screens/messaging/MessagingAlerts';
import { useUnreadHits } from '../screens/notifications/unread';
import { RecordSummary } from '../screens/records/RecordSummary';
import { notifiedRecord } from '../screens/records/summary';
import { overdueLabel, useOverdueIncoming } from '../screens/urgent/queries';
import { IdleWarning } from './IdleWarning';
import { LanguageMenu } from './LanguageMenu';
import { Logo } from './Logo';
import { allowedItems, NAV_SECTIONS } from './navigation';
import { ScreenBoundary, ScreenLoading } from './ScreenLoading';
import { useShortcuts } from './shortcuts';

export function AppLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const [navOpen, nav] = useDisclosure(false);
  const [helpOpen, help] = useDisclosure(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const items = allowedItems(me.permissions);
  const overdue = useOverdueIncoming(me.can('urgent:read') && me.agency.kind !== 'secretariat');

  useShortcuts({
    go: (key) => {
      const item = items.find((i) => i.shortcut === key);
      if (!item) return false;
      navigate(item.path);
      return true;
    },
    search: () => searchRef.current?.focus(),
    help: help.open,
  });

  return (
    <AppShell
      header={{ height: 52 }}
      navbar={{ width: 224, breakpoint: 'sm', collapsed: { mobile: !navOpen } }}
      padding="md"
    >
      <a className="skip-link" href="#main">
        {t('shell.skipToContent')}
      </a>
      <AppShell.Header className="app-header">
        <Group h="100%" px={{ base: 'xs', sm: 'md' }} gap="xs" wrap="nowrap" justify="space-between">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={navOpen}
              onClick={nav.toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t('shell.toggleNavigation')}
            />
            <UnstyledButton component={RouterNavLink} to="/" className="brand" title={t('nav.overview')}>
              <Group gap={8} wrap="nowrap">
                <Logo size={26} />
                <Text fw={700} fz="lg" visibleFrom="xs">
                  Concord
                </Text>
              </Group>
            </UnstyledButton>
            <GlobalSearch inputRef={searchRef} />
          </Group>
          <Group gap={4} wrap="nowrap">
            <AgencyIdentity />
            <Divider orientation="vertical" mx={4} visibleFrom="lg" />
            <NotificationsMenu />
            <Tooltip label={t('shell.shortcutsHint')} withArrow>
              <ActionIcon
                variant="subtle"
                color="gray"
                size="lg"
                visibleFrom="sm"
                onClick={help.open}
                aria-label={t('shell.help')}
                className="header-button"
              >
                <IconHelp size={20} />
              </ActionIcon>
            </Tooltip>
            <LanguageMenu />
            <UserMenu onHelp={help.open} />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar className="app-navbar" aria-label={t('shell.navigation')}>
        <AppShell.Section grow component={ScrollArea} px="xs" py="sm">
          <div>
            {NAV_SECTIONS.map((section) => {
              const sectionItems = items.filter((i) => i.section === section);
              if (sectionItems.length === 0) return null;
              return (
                <Box key={section} mb="sm">
                  <Text className="nav-section" id={`nav-${section}`}>
                    {t(`nav.sections.${section}`)}
                  </Text>
                  <ul className="nav-list" aria-labelledby={`nav-${section}`}>
                    {sectionItems.map((item) => {
                      const active =
                        item.path === '/'
                          ? location.pathname === '/'
                          : location.pathname.startsWith(item.path);
                      return (
                        <li key={item.key}>
                          <NavLink
                            component={RouterNavLink}
                            to={item.path}
                            end={item.path === '/'}
                            label={t(`nav.${item.key}`)}
                            leftSection={<item.icon size={18} stroke={1.6} />}
                            rightSection={
                              item.key === 'urgent' && overdue ? (
                                <OverdueBadge count={overdue} />
                              ) : (
                                <Text className="nav-shortcut" aria-hidden>
                                  g {item.shortcut}
                                </Text>
                              )
                            }
                            active={active}
                            onClick={nav.close}
                            className="nav-link"
                            data-nav={item.key}
                          />
                        </li>
                      );
                    })}
                  </ul>
                </Box>
              );
            })}
          </div>
        </AppShell.Section>
        <AppShell.Section px="md" py="xs" className="navbar-footer">
          <Text fz={11} c="dimmed">
            {t('shell.auditNotice')}
          </Text>
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main className="app-main" id="main" tabIndex={-1}>
        <ScreenBoundary key={location.pathname}>
          <Suspense fallback={<ScreenLoading />}>
            <Outlet />
          </Suspense>
        </ScreenBoundary>
      </AppShell.Main>

      <HelpDialog opened={helpOpen} onClose={help.close} />
      <IdleWarning />
      <MessagingAlerts />
    </AppShell>
  );
}

/** The search box: Enter opens the search screen with what was typed (a deep link, /search?q=…). */
function GlobalSearch({ inputRef }: { inputRef: React.RefObject<HTMLInputElement | null> }) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  if (!me.can('records:read')) {
    return (
      <Tooltip
        label={t('shell.searchUnavailable')}
        withArrow
        position="bottom"
        events={{ hover: true, focus: true, touch: true }}
      >
        <TextInput
          ref={inputRef}
          id="global-search"
          className="global-search"
          w={{ base: 180, md: 340 }}
          visibleFrom="xs"
          size="sm"
          readOnly
          aria-disabled="true"
          aria-label={t('shell.search')}
          aria-description={t('shell.searchUnavailable')}
          placeholder={t('shell.searchPlaceholder')}
          leftSection={<IconSearch size={16} />}
          rightSection={<Kbd size="xs">/</Kbd>}
          rightSectionPointerEvents="none"
          data-testid="global-search"
        />
      </Tooltip>
    );
  }
  return (
    <search aria-label={t('shell.search')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const q = text.trim();
          navigate(q ? `/search?q=${encodeURIComponent(q)}` : '/search');
          setText('');
          inputRef.current?.blur();
        }}
      >
        <TextInput
          ref={inputRef}
          id="global-search"
          className="global-search"
          w={{ base: 180, md: 340 }}
          visibleFrom="xs"
          size="sm"
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') e.currentTarget.blur();
          }}
          aria-label={t('shell.search')}
          placeholder={t('shell.searchPlaceholder')}
          leftSection={<IconSearch size={16} />}
          rightSection={<Kbd size="xs">/</Kbd>}
          rightSectionPointerEvents="none"
          spellCheck={false}
          autoComplete="off"
          maxLength={300}
          data-testid="global-search"
        />
      </form>
    </search>
  );
}

/** Requests my agency let pass a deadline, on the 24/7 item: seen on every screen. */
function OverdueBadge({ count }: { count: number }) {
  const { t } = useTranslation();
  const label = overdueLabel(count);
  return (
    <Badge
      size="sm"
      color="red"
      radius="sm"
      data-testid="overdue-badge"
      aria-label={t('urgent.overdueBadge', { count, formatted: label })}
      title={t('urgent.overdueBadge', { count, formatted: label })}
    >
      {label}
    </Badge>
  );
}

/** Who I act for: my agency and its country, always visible (compact on small screens). */
function AgencyIdentity() {
  const { t } = useTranslation();
  const me = useMe();
  const country = countryName(me.agency.country);
  return (
    <Box className="agency-identity" data-testid="agency-identity">
      <Group gap={8} wrap="nowrap" visibleFrom="md">
        <ThemeIcon variant="light" color="navy" size={30} radius="sm" aria-hidden>
          <IconBuildingCommunity size={18} />
        </ThemeIcon>
        <Box maw={260}>
          <Text fz="sm" fw={600} truncate="end" lh={1.2} title={me.agency.name}>
            {me.agency.name}
          </Text>
          <Group gap={6} wrap="nowrap">
            <Badge size="xs" variant="filled" color="navy" radius="sm" className="agency-code">
              {me.agency.code}
            </Badge>
            <Text fz="xs" c="dimmed" truncate="end" lh={1.2}>
              {country || t(`kinds.${me.agency.kind}`)}
            </Text>
          </Group>
        </Box>
      </Group>
      <Badge
        hiddenFrom="md"
        size="md"
        variant="filled"
        color="navy"
        radius="sm"
        className="agency-code"
        title={`${me.agency.name}${country ? ` · ${country}` : ''}`}
      >
        {me.agency.code}
        {me.agency.country && me.agency.country !== me.agency.code ? ` · ${me.agency.country}` : ''}
      </Badge>
    </Box>
  );
}

/** Hits on my agency's records: the unread count, kept current by the event stream. */
function NotificationsMenu() {
  const { t } = useTranslation();
  const me = useMe();
  const allowed = me.can('hit-notifications:read');
  const unread = useUnreadHits(allowed);
  const [opened, setOpened] = useState(false);
  const latest = useQuery({
    queryKey: ['hit-notifications', { unread: true, latest: true }],
    enabled: allowed && opened,
    queryFn: () =>
      unwrap(api.GET('/api/v1/hit-notifications', { params: { query: { unread: true, limit: 5 } } })),
  });
  const items = latest.data?.items ?? [];
  return (
    <Popover position="bottom-end" width={360} shadow="md" withArrow opened={opened} onChange={setOpened}>
      <Popover.Target>
        <ActionIcon
          variant="subtle"
          color="gray"
          size="lg"
          aria-label={
            unread > 0
              ? t('shell.notificationsUnread', { count: unread, formatted: String(unread) })
              : t('shell.notifications')
          }
          className="header-button"
          data-testid="notifications"
          onClick={() => setOpened((o) => !o)}
        >
          <Indicator
            disabled={unread === 0}
            label={unread > 99 ? '99+' : String(unread)}
            size={16}
            offset={2}
            color="red.9"
            data-testid="unread-indicator"
            aria-hidden
          >
            <IconBell size={20} />
          </Indicator>
        </ActionIcon>
      </Popover.Target>
      <Popover.Dropdown>
        <Group justify="space-between" mb="xs">
          <Text fw={600} fz="sm">
            {t('shell.notifications')}
          </Text>
          {allowed && (
            <Anchor component={RouterNavLink} to="/notifications" fz="xs" onClick={() => setOpened(false)}>
              {t('shell.allNotifications')}
            </Anchor>
          )}
        </Group>
        {items.length > 0 ? (
          <Stack gap={6}>
            {items.map((n) => (
              <UnstyledButton
                key={n.id}
                component={RouterNavLink}
                to={`/records/${n.recordId}`}
                className="notification-item"
                onClick={() => setOpened(false)}
              >
                <Text fz="sm" fw={500} truncate="end">
                  <RecordSummary record={notifiedRecord(n)} />
                </Text>
                <Text fz="xs" c="dimmed">
                  {t('shell.hitBy', { agency: n.searcherAgency, outcome: t(`outcome.${n.outcome}`) })} ·{' '}
                  <DateTime value={n.at} relative />
                </Text>
              </UnstyledButton>
            ))}
          </Stack>
        ) : (
          <Stack align="center" gap={6} py="md">
            <IconBellOff size={28} stroke={1.4} color="var(--mantine-color-gray-6)" aria-hidden />
            <Text fz="sm" fw={500}>
              {latest.isPending && allowed && opened ? t('common.loading') : t('shell.noNotifications')}
            </Text>
            <Text fz="xs" c="dimmed" ta="center">
              {t('shell.notificationsHelp')}
            </Text>
          </Stack>
        )}
      </Popover.Dropdown>
    </Popover>
  );
}

function initials(name: string): string {
  return name
    .split(/[\s().]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]!.toUpperCase())
    .join('');
}

function UserMenu({ onHelp }: { onHelp: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const { signOut } = useSession();
  const navigate = useNavigate();
  const name = me.user?.displayName ?? me.apiKey?.name ?? '';
  return (
    <Menu position="bottom-end" shadow="md" width={260}>
      <Menu.Target>
        <UnstyledButton className="user-button" data-testid="user-menu">
          <span className="visually-hidden">{t('shell.userMenu', { name })}</span>
          <Group gap={8} wrap="nowrap" aria-hidden>
            <Avatar size={30} radius="xl" color="navy" variant="filled">
              {initials(name)}
            </Avatar>
            <Box visibleFrom="lg" maw={200}>
              <Text fz="sm" fw={500} truncate="end" lh={1.2}>
                {name}
              </Text>
              <Text fz="xs" c="dimmed" truncate="end" lh={1.2}>
                {me.user?.username}
              </Text>
            </Box>
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Box px="sm" py={6}>
          <Text fz="sm" fw={600}>
            {name}
          </Text>
          <Text fz="xs" c="dimmed">
            {me.user?.username} · {me.agency.code}
          </Text>
          <Text fz="xs" c="dimmed" mt={4}>
            {me.roles.map((role) => t(`roles.${role}`)).join(', ')}
          </Text>
        </Box>
        <Menu.Divider />
        <Menu.Item leftSection={<IconClock size={16} />} disabled className="menu-info">
          {t('shell.timeZone', { zone: TIME_ZONE })}
        </Menu.Item>
        <Menu.Item leftSection={<IconDeviceDesktop size={16} />} onClick={() => navigate('/sessions')}>
          {t('nav.sessions')}
        </Menu.Item>
        <Menu.Item leftSection={<IconKeyboard size={16} />} onClick={onHelp}>
          {t('shell.shortcuts')}
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item
          color="red"
          leftSection={<IconLogout size={16} />}
          onClick={() => void signOut()}
          data-testid="sign-out"
        >
          {t('shell.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

function HelpDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const rows: [string[], string][] = [
    ...allowedItems(me.permissions).map((item): [string[], string] => [
      ['g', item.shortcut],
      t('shell.goTo', { screen: t(`nav.${item.key}`) }),
    ]),
    [['/'], t('shell.focusSearch')],
    [['?'], t('shell.showHelp')],
    [['Esc'], t('shell.closeDialog')],
  ];
  return (
    <Modal opened={opened} onClose={onClose} title={t('shell.shortcuts')} size="md">
      <Table verticalSpacing={6} fz="sm">
        <Table.Tbody>
          {rows.map(([keys, label]) => (
            <Table.Tr key={keys.join('+')}>
              <Table.Td w={110}>
                <Group gap={4} wrap="nowrap" dir="ltr">
                  {keys.map((k, i) => (
                    <span key={k + String(i)}>
                      {i > 0 && (
                        <Text span fz="xs" c="dimmed" mx={2}>
                          {t('shell.followedBy')}
                        </Text>
                      )}
                      <Kbd>{k}</Kbd>
                    </span>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>{label}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={onClose}>
          {t('common.close')}
        </Button>
      </Group>
    </Modal>
  );
}
