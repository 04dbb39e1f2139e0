import { Center, Loader } from '@mantine/core';
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
