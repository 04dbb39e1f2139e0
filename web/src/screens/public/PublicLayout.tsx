import { Anchor, Box, Container, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LanguageMenu } from '../../shell/LanguageMenu';
import { Logo } from '../../shell/Logo';

/** The public website's frame: no session, no navigation of the workspace; a way in for officers. */
export function PublicLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Box>
      <a className="skip-link" href="#main">
        {t('shell.skipToContent')}
      </a>
      <header className="app-header">
        <Container size="lg" py="sm">
          <Group justify="space-between" wrap="wrap" gap="sm">
            <Anchor component={Link} to="/public/notices" underline="never" className="brand">
              <Group gap="xs" wrap="nowrap">
                <Logo size={28} />
                <div>
                  <Text fw={700} lh={1.1}>
                    Concord
                  </Text>
                  <Text fz="xs" c="dimmed">
                    {t('publicNotices.site')}
                  </Text>
                </div>
              </Group>
            </Anchor>
            <Group gap="xs">
              <LanguageMenu />
              <Anchor component={Link} to="/sign-in" fz="sm" data-testid="public-sign-in">
                {t('publicNotices.signIn')}
              </Anchor>
            </Group>
          </Group>
        </Container>
      </header>
      <Container size="lg" py="md" component="main" id="main" tabIndex={-1}>
        {children}
      </Container>
    </Box>
  );
}
