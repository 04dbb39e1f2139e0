import { Alert, Anchor, Badge, Center, Group, Loader, Stack } from '@mantine/core';
import { IconArrowLeft, IconArrowRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { directionOf } from '../../i18n';
import { ExtractView, extractName } from './ExtractView';
import { PublicLayout } from './PublicLayout';
import { isPublicType, usePublicNotice } from './publicApi';

/** One public extract, with its photographs: /public/notices/red/2026-10001. */
export function PublicNoticePage() {
  const { t, i18n } = useTranslation();
  const params = useParams();
  const type = isPublicType(params.type) ? params.type : null;
  const id = /^\d{4}-\d{1,9}$/.test(params.id ?? '') ? params.id! : '';
  const notice = usePublicNotice(type ?? 'red', id);
  const Back = directionOf(i18n.resolvedLanguage ?? 'en') === 'rtl' ? IconArrowRight : IconArrowLeft;
  const back = (
    <Anchor
      component={Link}
      to={type && type !== 'red' ? `/public/notices?type=${type}` : '/public/notices'}
      fz="sm"
    >
      <Group gap={4} component="span">
        <Back size={14} aria-hidden />
        {t('publicNotices.back')}
      </Group>
    </Anchor>
  );
  const missing = !type || !id || (notice.error instanceof ApiError && notice.error.status === 404);
  return (
    <PublicLayout>
      {missing ? (
        <Stack>
          {back}
          <PageHeader title={t('publicNotices.site')} />
          <Alert color="orange" role="alert" data-testid="public-not-found">
            {t('publicNotices.notFound')}
          </Alert>
        </Stack>
      ) : notice.error ? (
        <Alert color="red" role="alert">
          {t('publicNotices.unavailable')}
        </Alert>
      ) : !notice.data ? (
        <Center py="xl">
          <Loader size="sm" role="status" aria-label={t('common.loading')} />
        </Center>
      ) : (
        <>
          <PageHeader
            above={back}
            title={
              <Group gap="sm">
                <bdi data-testid="public-name">{extractName(notice.data.detail)}</bdi>
                <Badge
                  variant="light"
                  radius="sm"
                  color={type === 'red' ? 'red' : type === 'yellow' ? 'yellow' : 'blue'}
                  c="dark"
                >
                  {t(`publicNotices.types.${type}`)}
                </Badge>
              </Group>
            }
          />
          <Alert color="blue" variant="light" mb="md">
            {t('publicNotices.warning')}
          </Alert>
          <ExtractView type={type} detail={notice.data.detail} photos={notice.data.pictures} level={2} />
        </>
      )}
    </PublicLayout>
  );
}
