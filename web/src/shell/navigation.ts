import {
  IconBellRinging,
  IconBuildingBank,
  IconCalendarDue,
  IconDatabase,
  IconDeviceDesktop,
  IconFlag,
  IconHome,
  IconKey,
  IconListSearch,
  IconMail,
  IconSearch,
  IconShieldLock,
  IconUrgent,
  IconUsers,
} from '@tabler/icons-react';
import type { ComponentType } from 'react';
import type { Permission } from '../api/client';

export interface NavItem {
  /** i18n key under `nav.` */
  key: string;
  path: string;
  icon: ComponentType<{ size?: number; stroke?: number }>;
  /** The permission the screen's API needs: the item shows only to users who have it. */
  permission: Permission;
  /** Second key after `g`. */
  shortcut: string;
  section: 'workspace' | 'network' | 'administration' | 'account';
}

/** Every screen of the shell. A new screen adds one line here and one route in App.tsx. */
export const NAV_ITEMS: NavItem[] = [
  { key: 'overview', path: '/', icon: IconHome, permission: 'self', shortcut: 'h', section: 'workspace' },
  {
    key: 'search',
    path: '/search',
    icon: IconSearch,
    permission: 'records:read',
    shortcut: 'f',
    section: 'workspace',
  },
  {
    key: 'records',
    path: '/records',
    icon: IconDatabase,
    permission: 'records:read',
    shortcut: 'r',
    section: 'workspace',
  },
  {
    key: 'review',
    path: '/review',
    icon: IconCalendarDue,
    permission: 'records:write',
    shortcut: 'v',
    section: 'workspace',
  },
  {
    key: 'hits',
    path: '/notifications',
    icon: IconBellRinging,
    permission: 'hit-notifications:read',
    shortcut: 'n',
    section: 'workspace',
  },
  {
    key: 'notices',
    path: '/notices',
    icon: IconFlag,
    permission: 'notices:read',
    shortcut: 'o',
    section: 'workspace',
  },
  {
    key: 'messages',
    path: '/messages',
    icon: IconMail,
    permission: 'messages:read',
    shortcut: 'm',
    section: 'workspace',
  },
  {
    key: 'urgent',
    path: '/urgent',
    icon: IconUrgent,
    permission: 'urgent:read',
    shortcut: 'e',
    section: 'workspace',
  },
  {
    key: 'agencies',
    path: '/agencies',
    icon: IconBuildingBank,
    permission: 'agencies:read',
    shortcut: 'a',
    section: 'network',
  },
  {
    key: 'keyDirectory',
    path: '/messaging/keys',
    icon: IconShieldLock,
    permission: 'messages:read',
    shortcut: 'y',
    section: 'network',
  },
  {
    key: 'users',
    path: '/users',
    icon: IconUsers,
    permission: 'users:read',
    shortcut: 'u',
    section: 'administration',
  },
  {
    key: 'apiKeys',
    path: '/api-keys',
    icon: IconKey,
    permission: 'api-keys:manage',
    shortcut: 'k',
    section: 'administration',
  },
  {
    key: 'audit',
    path: '/audit',
    icon: IconListSearch,
    permission: 'audit:read',
    shortcut: 'l',
    section: 'administration',
  },
  {
    key: 'sessions',
    path: '/sessions',
    icon: IconDeviceDesktop,
    permission: 'self',
    shortcut: 's',
    section: 'account',
  },
];

export const NAV_SECTIONS = ['workspace', 'network', 'administration', 'account'] as const;

export function allowedItems(permissions: readonly Permission[]): NavItem[] {
  return NAV_ITEMS.filter((item) => permissions.includes(item.permission));
}
