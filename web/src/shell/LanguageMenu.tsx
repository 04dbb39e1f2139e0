import { Button, Menu } from '@mantine/core';
import { IconCheck, IconLanguage } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session';
import { currentLocale, LOCALE_NAMES, LOCALES } from '../i18n';

/** Switches the interface language; remembered on this device and, when signed in, for the user. */
export function LanguageMenu() {
  const { t } = useTranslation();
  const { changeLocale } = useSession();
  const current = currentLocale();
  return (
    <Menu position="bottom-end" shadow="md" width={180}>
      <Menu.Target>
        <Button
          variant="subtle"
          color="gray"
          size="compact-sm"
          leftSection={<IconLanguage size={16} />}
          data-testid="language-menu"
          className="header-button"
          title={t('shell.language', { language: LOCALE_NAMES[current] })}
        >
          <span className="visually-hidden">{t('shell.languageLabel')}: </span>
          {current.toUpperCase()}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('shell.languageLabel')}</Menu.Label>
        {LOCALES.map((locale) => (
          <Menu.Item
            key={locale}
            lang={locale}
            dir={locale === 'ar' ? 'rtl' : 'ltr'}
            data-locale={locale}
            onClick={() => void changeLocale(locale)}
            rightSection={locale === current ? <IconCheck size={14} /> : null}
          >
            {LOCALE_NAMES[locale]}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
