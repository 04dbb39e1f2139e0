import { Button, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function NotFoundPage({ forbidden }: { forbidden?: boolean }) {
  const { t } = useTranslation();
  return (
    <Stack align="flex-start" gap="sm" py="xl">
      <Title order={1} fz="h3">
        {forbidden ? t('errors.forbiddenTitle') : t('errors.notFoundTitle')}
      </Title>
      <Text c="dimmed">{forbidden ? t('errors.forbiddenScreen') : t('errors.notFoundScreen')}</Text>
      <Button component={Link} to="/" variant="default">
        {t('nav.overview')}
      </Button>
    </Stack>
  );
}
