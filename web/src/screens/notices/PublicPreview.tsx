import { Anchor, Badge, Card, Group, Text, Title, Tooltip } from '@mantine/core';
import { IconExternalLink, IconWorld, IconWorldOff } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { ProblemAlert } from '../../components/problem';
import { ExtractView, extractName } from '../public/ExtractView';
import { type ExtractDetail, pathId } from '../public/publicApi';
import type { Notice } from './queries';

/**
 * Whether a notice goes public, and what the public sees of it: a badge on every notice, and
 * for one with a public extract the extract itself, as the server builds it
 * (GET /notices/{id}/public-preview) and drawn by the public page's own component.
 */

type State = Notice['publicExtractState'];

const COLOURS: Record<State, string> = {
  public: 'teal',
  'on-publication': 'blue',
  removed: 'gray',
  none: 'gray',
};

export function PublicExtractBadge({ state }: { state: State }) {
  const { t } = useTranslation();
  const Icon = state === 'public' || state === 'on-publication' ? IconWorld : IconWorldOff;
  return (
    <Tooltip label={t(`publicNotices.stateHelp.${state}`)} withArrow multiline w={280}>
      <Badge
        variant={state === 'none' ? 'outline' : 'light'}
        color={COLOURS[state]}
        radius="sm"
        size="sm"
        leftSection={<Icon size={12} aria-hidden />}
        data-testid="public-extract-state"
        data-state={state}
      >
        {t(`publicNotices.state.${state}`)}
      </Badge>
    </Tooltip>
  );
}

export const showsPreview = (notice: Notice) =>
  notice.publicExtractState === 'public' || notice.publicExtractState === 'on-publication';

export function usePublicPreview(notice: Notice) {
  return useQuery({
    // The status and version in the key: publication, edits and photographs change the preview.
    queryKey: ['notice-preview', notice.id, notice.status, notice.version, notice.images.length],
    enabled: showsPreview(notice),
    queryFn: () =>
      unwrap(api.GET('/api/v1/notices/{id}/public-preview', { params: { path: { id: notice.id } } })),
  });
}

export function PublicPreviewCard({ notice }: { notice: Notice }) {
  const { t } = useTranslation();
  const preview = usePublicPreview(notice);
  if (!showsPreview(notice)) return null;
  const data = preview.data;
  const state = data?.state ?? (notice.publicExtractState as 'public' | 'on-publication');
  return (
    <Card
      withBorder
      radius="md"
      p="md"
      mt="md"
      component="section"
      aria-labelledby="public-preview-title"
      data-testid="public-preview"
    >
      <Group justify="space-between" align="flex-start" mb="xs" wrap="wrap">
        <div>
          <Title order={2} fz="h5" id="public-preview-title">
            {t(`publicNotices.preview.${state}`)}
          </Title>
          <Text fz="sm" c="dimmed">
            {t('publicNotices.preview.help')}
          </Text>
        </div>
        {data?.state === 'public' && (
          <Anchor
            component={Link}
            to={`/public/notices/${data.type}/${pathId(notice.reference)}`}
            fz="sm"
            data-testid="open-public"
          >
            <Group gap={4} component="span">
              {t('publicNotices.preview.open')}
              <IconExternalLink size={14} aria-hidden />
            </Group>
          </Anchor>
        )}
      </Group>
      <ProblemAlert error={preview.error} />
      {data && (
        <Text fw={700} fz="lg" mb="xs" data-testid="preview-name">
          <bdi>{extractName(data.detail)}</bdi>
        </Text>
      )}
      {data && (
        <ExtractView
          type={data.type}
          detail={data.detail as ExtractDetail}
          photos={data.images.map((i) => i.href)}
          level={3}
        />
      )}
    </Card>
  );
}
