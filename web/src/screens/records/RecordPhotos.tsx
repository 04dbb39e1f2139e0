import { Anchor, Card, FileInput, Image, SimpleGrid, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, unwrap } from '../../api/client';
import { PhotoTile } from '../../components/PhotoTile';
import { base64Of, MAX_PHOTO_BYTES, megabytes, PHOTO_ACCEPT, sniffPhoto } from '../../components/photos';
import { ProblemAlert } from '../../components/problem';
import { formatNumber } from '../../i18n/format';
import { photoFieldOf } from './kinds';
import type { RecordItem, RecordKindName } from './queries';

/** Photographs a record holds at most (src/records/kinds/common.ts MAX_PHOTOS). */
export const MAX_RECORD_PHOTOS = 10;

export function photoIdsOf(kind: string, data: Record<string, unknown> | undefined): string[] {
  const field = photoFieldOf(kind);
  const ids = field ? data?.[field] : undefined;
  return Array.isArray(ids) ? (ids as string[]) : [];
}

/**
 * Where a photograph is read: through its record once saved on it (the record's policy
 * decides), as the officer's own upload before (only the uploader reads it). Same-origin
 * paths, sent with the session cookie: the CSP allows images from 'self'.
 */
function photoSrc(id: string, recordId: string | undefined, saved: readonly string[]) {
  return recordId && saved.includes(id)
    ? `/api/v1/records/${recordId}/photos/${id}`
    : `/api/v1/records/photos/${id}`;
}

/**
 * The record form's photographs: a file chosen is checked here (kind, size), uploaded at
 * once and shown; removing one takes it off the list. The record names what is in the list
 * when saved — a photograph removed from a saved record is deleted then.
 */
export function RecordPhotosEditor({
  kind,
  recordId,
  saved,
  value,
  onChange,
  error,
}: {
  kind: RecordKindName;
  recordId?: string;
  /** The ids on the record as saved. */
  saved: readonly string[];
  value: string[];
  onChange: (ids: string[]) => void;
  /** The server's word on the list, from the failed save. */
  error?: string;
}) {
  const { t } = useTranslation();
  const [fileError, setFileError] = useState<string | null>(null);
  // Remounted after each upload, so that the same file may be chosen again.
  const [inputKey, setInputKey] = useState(0);
  const upload = useMutation({
    mutationFn: async (file: File) => {
      const contentType = await sniffPhoto(file);
      if (!contentType) throw new Error('not an image');
      return unwrap(
        api.POST('/api/v1/records/photos', { body: { contentType, data: await base64Of(file) } }),
      );
    },
    onSuccess: (photo) => {
      onChange([...value, photo.id]);
      setInputKey((k) => k + 1);
    },
  });
  const choose = async (file: File | null) => {
    upload.reset();
    setFileError(null);
    if (!file) return;
    if (!(await sniffPhoto(file))) setFileError(t('recordPhotos.wrongType', { name: file.name }));
    else if (file.size > MAX_PHOTO_BYTES)
      setFileError(
        t('recordPhotos.tooLarge', { size: megabytes(file.size), max: megabytes(MAX_PHOTO_BYTES) }),
      );
    else upload.mutate(file);
  };
  const problem = upload.error instanceof ApiError ? upload.error : null;
  const serverAt = (field: string) => problem?.errors.find((e) => e.field === `/body/${field}`)?.message;
  const fileMessage =
    fileError ??
    serverAt('data') ??
    serverAt('contentType') ??
    (problem?.status === 413 ? t('recordPhotos.tooLarge413') : undefined);
  const banner = upload.error && !fileMessage ? upload.error : null;
  const full = value.length >= MAX_RECORD_PHOTOS;

  return (
    <fieldset className="subform form-wide" data-testid="record-photos-editor">
      <legend>{t(`recordPhotos.title.${kind}`, { defaultValue: t('recordPhotos.title.person') })}</legend>
      <Stack gap="xs">
        {value.length > 0 && (
          <SimpleGrid cols={{ base: 2, sm: 4, md: 5 }} spacing="xs" component="ul" className="plain-list">
            {value.map((id, i) => {
              const name = t('recordPhotos.numbered', { n: formatNumber(i + 1) });
              return (
                <PhotoTile
                  key={id}
                  data-photo-id={id}
                  src={photoSrc(id, recordId, saved)}
                  alt={name}
                  height={96}
                  removeText={t('recordPhotos.remove')}
                  removeLabel={t('recordPhotos.removeOne', { name })}
                  onRemove={() => onChange(value.filter((v) => v !== id))}
                />
              );
            })}
          </SimpleGrid>
        )}
        {full ? (
          <Text fz="sm" data-testid="photos-full">
            {t('recordPhotos.full', { max: formatNumber(MAX_RECORD_PHOTOS) })}
          </Text>
        ) : (
          <FileInput
            key={inputKey}
            label={t('recordPhotos.file')}
            description={t('recordPhotos.fileHelp', {
              max: megabytes(MAX_PHOTO_BYTES),
              count: formatNumber(MAX_RECORD_PHOTOS),
            })}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            placeholder={upload.isPending ? t('recordPhotos.uploading') : t('recordPhotos.choose')}
            accept={PHOTO_ACCEPT}
            onChange={(f) => void choose(f)}
            error={fileMessage ?? error}
            disabled={upload.isPending}
            clearable
            w={360}
            data-testid="photo-file"
          />
        )}
        {full && error && (
          <Text fz="sm" c="red" role="alert">
            {error}
          </Text>
        )}
        {saved.some((id) => !value.includes(id)) && (
          <Text fz="xs" c="dimmed" data-testid="photos-removed-note">
            {t('recordPhotos.removedOnSave')}
          </Text>
        )}
        <ProblemAlert error={banner} />
      </Stack>
    </fieldset>
  );
}

/** A record's photographs on its page, for those who read the record. */
export function RecordPhotoGallery({ record }: { record: RecordItem }) {
  const { t } = useTranslation();
  const ids = photoIdsOf(record.kind, record.data);
  if (ids.length === 0) return null;
  return (
    <Card withBorder radius="md" padding="sm" data-testid="record-photos" component="section">
      <Text fw={600} fz="sm" mb="xs" component="h2">
        {t(`recordPhotos.title.${record.kind}`, { defaultValue: t('recordPhotos.title.person') })}
      </Text>
      <SimpleGrid cols={{ base: 2, sm: 3, md: 4 }} spacing="xs" component="ul" className="plain-list">
        {ids.map((id, i) => {
          const src = photoSrc(id, record.id, ids);
          const name = t('recordPhotos.numbered', { n: formatNumber(i + 1) });
          return (
            <li key={id} data-testid="photo" data-photo-id={id}>
              <Anchor href={src} target="_blank" rel="noopener" aria-label={t('recordPhotos.open', { name })}>
                <Image src={src} alt={name} h={140} fit="contain" radius="xs" />
              </Anchor>
            </li>
          );
        })}
      </SimpleGrid>
    </Card>
  );
}
