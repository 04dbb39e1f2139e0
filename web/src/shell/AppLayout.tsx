import {
  ActionIcon,
  AppShell,
  Avatar,
  Badge,
  Box,
  Burger,
  Button,
  Divider,
  Group,
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
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, NavLink as RouterNavLink, useLocation, useNavigate } from 'react-router';
import { useMe, useSession } from '../auth/session';
import { countryName, TIME_ZONE } from '../i18n/format';
import { IdleWarning } from './IdleWarning';
import { LanguageMenu } from './LanguageMenu';
import { Logo } from './Logo';
import { allowedItems, NAV_SECTIONS } from './navigation';
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
                              <Text className="nav-shortcut" aria-hidden>
                                g {item.shortcut}
                              </Text>
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
        <Outlet />
      </AppShell.Main>

      <HelpDialog opened={helpOpen} onClose={help.close} />
      <IdleWarning />
    </AppShell>
  );
}

/** The search box that will query the databases; shown now so that its place is known. */
function GlobalSearch({ inputRef }: { inputRef: React.RefObject<HTMLInputElement | null> }) {
  const { t } = useTranslation();
  return (
    <Tooltip
      label={t('shell.searchSoon')}
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
        aria-description={t('shell.searchSoon')}
        placeholder={t('shell.searchPlaceholder')}
        leftSection={<IconSearch size={16} />}
        rightSection={<Kbd size="xs">/</Kbd>}
        rightSectionPointerEvents="none"
        data-testid="global-search"
      />
    </Tooltip>
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

/** Hits on our records and new messages will appear here once those capabilities exist. */
function NotificationsMenu() {
  const { t } = useTranslation();
  return (
    <Popover position="bottom-end" width={320} shadow="md" withArrow>
      <Popover.Target>
        <ActionIcon
          variant="subtle"
          color="gray"
          size="lg"
          aria-label={t('shell.notifications')}
          className="header-button"
          data-testid="notifications"
        >
          <IconBell size={20} />
        </ActionIcon>
      </Popover.Target>
      <Popover.Dropdown>
        <Text fw={600} fz="sm" mb="xs">
          {t('shell.notifications')}
        </Text>
        <Stack align="center" gap={6} py="md">
          <IconBellOff size={28} stroke={1.4} color="var(--mantine-color-gray-6)" aria-hidden />
          <Text fz="sm" fw={500}>
            {t('shell.noNotifications')}
          </Text>
          <Text fz="xs" c="dimmed" ta="center">
            {t('shell.notificationsHelp')}
          </Text>
        </Stack>
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
