import { Button, Card, FileInput, Group, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconPhotoPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, unwrap } from '../../api/client';
import { ConfirmModal } from '../../components/ConfirmModal';
import { PhotoTile } from '../../components/PhotoTile';
import {
  base64Of,
  MAX_PHOTO_BYTES,
  megabytes,
  PHOTO_ACCEPT,
  type PhotoKind,
  sniffPhoto,
} from '../../components/photos';
import { ProblemAlert } from '../../components/problem';
import { formatNumber } from '../../i18n/format';
import type { Notice } from './queries';

/** Photographs a request holds at most (src/notices/images.ts). */
export const MAX_PHOTOS = 6;

/**
 * The subject's photographs while the request is being written (draft or returned): add one
 * at a time with a caption, see them, remove one. The file is checked here first (kind and
 * size, said at the field); the server checks again, and what it refuses is said at the
 * field it names.
 */
export function NoticePhotos({ notice }: { notice: Notice }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [kind, setKind] = useState<PhotoKind | null>(null);
  const [caption, setCaption] = useState('');
  const [fileError, setFileError] = useState<string | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  // The file input is remounted after an upload so that the same file may be chosen again.
  const [inputKey, setInputKey] = useState(0);
  const full = notice.images.length >= MAX_PHOTOS;

  const saved = (fresh: Notice) => {
    queryClient.setQueryData(['notice', notice.id], fresh);
    void queryClient.invalidateQueries({ queryKey: ['notice-history', notice.id] });
  };

  const upload = useMutation({
    mutationFn: async () => {
      if (!file || !kind) throw new Error('no file');
      return unwrap(
        api.POST('/api/v1/notices/{id}/images', {
          params: { path: { id: notice.id } },
          body: {
            contentType: kind,
            data: await base64Of(file),
            ...(caption.trim() ? { caption: caption.trim() } : {}),
          },
        }),
      );
    },
    onSuccess: (fresh) => {
      saved(fresh);
      setFile(null);
      setKind(null);
      setCaption('');
      setInputKey((k) => k + 1);
    },
  });
  const remove = useMutation({
    mutationFn: (pictureId: string) =>
      unwrap(
        api.DELETE('/api/v1/notices/{id}/images/{pictureId}', {
          params: { path: { id: notice.id, pictureId } },
        }),
      ),
    onSuccess: saved,
  });

  const choose = async (chosen: File | null) => {
    upload.reset();
    setFile(chosen);
    setKind(null);
    setFileError(null);
    if (!chosen) return;
    const sniffed = await sniffPhoto(chosen);
    if (!sniffed) setFileError(t('notices.photos.wrongType', { name: chosen.name }));
    else if (chosen.size > MAX_PHOTO_BYTES)
      setFileError(
        t('notices.photos.tooLarge', { size: megabytes(chosen.size), max: megabytes(MAX_PHOTO_BYTES) }),
      );
    else setKind(sniffed);
  };

  // The server's refusals at the field they name; the rest (the limit reached, the request
  // submitted meanwhile) in the section's banner.
  const problem = upload.error instanceof ApiError ? upload.error : null;
  const serverAt = (field: string) => problem?.errors.find((e) => e.field === `/body/${field}`)?.message;
  const tooLargeForServer = problem?.status === 413 ? t('notices.photos.tooLarge413') : undefined;
  const fileMessage = fileError ?? serverAt('data') ?? serverAt('contentType') ?? tooLargeForServer;
  const captionMessage = serverAt('caption');
  const banner = upload.error && !fileMessage && !captionMessage ? upload.error : null;

  return (
    <Card
      withBorder
      radius="md"
      p="md"
      mt="md"
      data-testid="notice-photos"
      component="section"
      aria-labelledby="photos-title"
    >
      <Stack gap="sm">
        <Group justify="space-between" align="baseline">
          <Title order={2} fz="h5" id="photos-title">
            {t('notices.photos.title')}
          </Title>
          <Text fz="xs" c="dimmed" data-testid="photo-count">
            {t('notices.photos.count', {
              count: notice.images.length,
              formatted: formatNumber(notice.images.length),
              max: formatNumber(MAX_PHOTOS),
            })}
          </Text>
        </Group>
        {notice.images.length === 0 ? (
          <Text fz="sm" c="dimmed">
            {t('notices.photos.none')}
          </Text>
        ) : (
          <SimpleGrid cols={{ base: 2, sm: 3, md: 6 }} spacing="sm" component="ul" className="plain-list">
            {notice.images.map((image, i) => {
              const name = image.caption || t('notices.photos.numbered', { n: formatNumber(i + 1) });
              return (
                <PhotoTile
                  key={image.pictureId}
                  data-picture-id={image.pictureId}
                  src={`/api/v1/notices/${notice.id}/images/${image.pictureId}`}
                  alt={name}
                  height={120}
                  removeText={t('notices.photos.remove')}
                  removeLabel={t('notices.photos.removeOne', { name })}
                  onRemove={() => setRemoving(image.pictureId)}
                >
                  <Text fz="xs" lineClamp={2} data-testid="photo-caption">
                    <bdi>{image.caption ?? ''}</bdi>
                  </Text>
                </PhotoTile>
              );
            })}
          </SimpleGrid>
        )}
        {full ? (
          <Text fz="sm" data-testid="photos-full">
            {t('notices.photos.full', { max: formatNumber(MAX_PHOTOS) })}
          </Text>
        ) : (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (!file) {
                setFileError(t('notices.photos.chooseFirst'));
                return;
              }
              if (kind) upload.mutate();
            }}
          >
            <Group align="flex-start" gap="sm" wrap="wrap">
              <FileInput
                key={inputKey}
                label={t('notices.photos.file')}
                description={t('notices.photos.fileHelp', { max: megabytes(MAX_PHOTO_BYTES) })}
                inputWrapperOrder={['label', 'input', 'description', 'error']}
                placeholder={t('notices.photos.choose')}
                accept={PHOTO_ACCEPT}
                value={file}
                onChange={(f) => void choose(f)}
                error={fileMessage}
                clearable
                w={320}
                data-testid="photo-file"
              />
              <TextInput
                label={t('notices.photos.caption')}
                description={t('notices.photos.captionHelp')}
                inputWrapperOrder={['label', 'input', 'description', 'error']}
                maxLength={300}
                value={caption}
                onChange={(e) => setCaption(e.currentTarget.value)}
                error={captionMessage}
                dir="auto"
                w={320}
                data-testid="photo-caption-input"
              />
              <Button
                type="submit"
                mt={24}
                leftSection={<IconPhotoPlus size={16} aria-hidden />}
                loading={upload.isPending}
                data-testid="upload-photo"
              >
                {t('notices.photos.add')}
              </Button>
            </Group>
          </form>
        )}
        <ProblemAlert error={banner} />
      </Stack>
      <ConfirmModal
        opened={removing !== null}
        onClose={() => setRemoving(null)}
        title={t('notices.photos.removeTitle')}
        confirmLabel={t('notices.photos.remove')}
        onConfirm={() => remove.mutateAsync(removing!)}
      >
        {t('notices.photos.removeBody')}
      </ConfirmModal>
    </Card>
  );
}
