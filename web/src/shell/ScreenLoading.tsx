import { Button, Center, Loader, Stack, Text } from '@mantine/core';
import { Component, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** While a screen's code arrives (screens are fetched when first opened: App.tsx). */
export function ScreenLoading() {
  const { t } = useTranslation();
  return (
    <Center h="40vh">
      <Loader role="status" aria-label={t('common.loading')} />
    </Center>
  );
}

function ScreenFailed() {
  const { t } = useTranslation();
  return (
    <Center h="40vh">
      <Stack align="center" gap="sm" role="alert">
        <Text>{t('common.screenFailed')}</Text>
        <Button onClick={() => window.location.reload()}>{t('common.reload')}</Button>
      </Stack>
    </Center>
  );
}

/**
 * A screen whose code could not be fetched — a tab opened before the server was upgraded asks
 * for the previous build's files, which are gone — says so and offers a reload, rather than
 * leaving a blank page. (main.tsx reloads once on its own first.)
 */
export class ScreenBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? <ScreenFailed /> : this.props.children;
  }
}
