import {
  Alert,
  Anchor,
  Button,
  Card,
  Center,
  Group,
  Image,
  Loader,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconSearch, IconUser } from '@tabler/icons-react';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { CountryCodeInput } from '../../components/CountryCodeInput';
import { PageHeader } from '../../components/PageHeader';
import { countryName, formatNumber } from '../../i18n/format';
import { extractName, publicDate } from './ExtractView';
import { PublicLayout } from './PublicLayout';
import {
  isPublicType,
  type ListedNotice,
  PER_PAGE,
  PUBLIC_TYPES,
  type PublicType,
  pathId,
  thumbnailPath,
  usePublicList,
} from './publicApi';

const FIELDS = ['forename', 'name', 'nationality', 'freeText'] as const;
type Field = (typeof FIELDS)[number];

/**
 * The public notices website's list: wanted (Red), missing (Yellow) and UN-listed persons,
 * searched by the public API's own parameters. Everything lives in the URL, so that a search
 * can be bookmarked or shared; no sign-in.
 */
export function PublicNoticesPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  // All changes at once: react-router's functional updates do not compose within one event.
  const apply = (changes: Record<string, string | null>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes))
          if (value) next.set(key, value);
          else next.delete(key);
        return next;
      },
      { replace: false },
    );
  const type: PublicType = isPublicType(params.get('type')) ? (params.get('type') as PublicType) : 'red';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const applied = Object.fromEntries(FIELDS.map((f) => [f, params.get(f) ?? ''])) as Record<Field, string>;
  const [draft, setDraft] = useState(applied);
  // Back and Forward change the URL: the form follows it.
  const appliedKey = FIELDS.map((f) => applied[f]).join('\u0000');
  // biome-ignore lint/correctness/useExhaustiveDependencies: appliedKey stands for applied
  useEffect(() => setDraft(applied), [appliedKey]);
  const list = usePublicList(type, { ...applied, page });

  const search = (event: FormEvent) => {
    event.preventDefault();
    apply({ ...Object.fromEntries(FIELDS.map((f) => [f, draft[f].trim() || null])), page: null });
  };
  const clear = () => {
    setDraft({ forename: '', name: '', nationality: '', freeText: '' });
    apply({ ...Object.fromEntries(FIELDS.map((f) => [f, null])), page: null });
  };
  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PER_PAGE));
  const notices = list.data?._embedded.notices ?? [];

  return (
    <PublicLayout>
      <PageHeader title={t('publicNotices.title')} description={t('publicNotices.description')} />
      <Alert color="blue" variant="light" mb="md">
        {t('publicNotices.warning')}
      </Alert>
      <SegmentedControl
        aria-label={t('publicNotices.typeLabel')}
        data={PUBLIC_TYPES.map((value) => ({ value, label: t(`publicNotices.types.${value}`) }))}
        value={type}
        onChange={(value) => {
          apply({ type: value === 'red' ? null : value, page: null });
        }}
        mb="md"
        data-testid="public-type"
      />
      <Card withBorder radius="md" p="md" mb="md" component="section" aria-labelledby="public-search-title">
        <Title order={2} fz="h5" mb="xs" id="public-search-title">
          {t('publicNotices.search.title')}
        </Title>
        <form onSubmit={search}>
          <Group align="flex-end" gap="sm" wrap="wrap">
            <TextInput
              label={t('publicNotices.search.forename')}
              value={draft.forename}
              onChange={(e) => setDraft({ ...draft, forename: e.currentTarget.value })}
              dir="auto"
              maxLength={100}
            />
            <TextInput
              label={t('publicNotices.search.name')}
              value={draft.name}
              onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })}
              dir="auto"
              maxLength={100}
            />
            <CountryCodeInput
              label={t('publicNotices.search.nationality')}
              value={draft.nationality}
              onChange={(nationality) => setDraft({ ...draft, nationality })}
              w={160}
            />
            <TextInput
              label={t('publicNotices.search.freeText')}
              description={t('publicNotices.search.freeTextHelp')}
              value={draft.freeText}
              onChange={(e) => setDraft({ ...draft, freeText: e.currentTarget.value })}
              dir="auto"
              maxLength={200}
            />
            <Group gap="xs">
              <Button type="submit" leftSection={<IconSearch size={16} />} data-testid="public-search">
                {t('publicNotices.search.submit')}
              </Button>
              <Button variant="default" onClick={clear}>
                {t('publicNotices.search.reset')}
              </Button>
            </Group>
          </Group>
        </form>
      </Card>
      <section aria-labelledby="public-results-title">
        <Group justify="space-between" mb="xs">
          <Title order={2} fz="h5" id="public-results-title">
            {t('publicNotices.resultsTitle')}
          </Title>
          {list.data && (
            <Text fz="sm" c="dimmed" role="status" data-testid="public-total" data-total={total}>
              {total === 0
                ? t('publicNotices.noResults')
                : t('publicNotices.results', { count: total, formatted: formatNumber(total) })}
            </Text>
          )}
        </Group>
        {list.error ? (
          <Alert color="red" role="alert">
            {t('publicNotices.unavailable')}
          </Alert>
        ) : list.isPending ? (
          <Center py="xl">
            <Loader size="sm" role="status" aria-label={t('common.loading')} />
          </Center>
        ) : (
          <SimpleGrid cols={{ base: 1, xs: 2, sm: 3, md: 4 }} spacing="md" data-testid="public-results">
            {notices.map((n) => (
              <NoticeCard key={n.entity_id} type={type} notice={n} />
            ))}
          </SimpleGrid>
        )}
        {pages > 1 && (
          <Group
            justify="center"
            gap="sm"
            mt="md"
            component="nav"
            aria-label={t('publicNotices.resultsTitle')}
          >
            <Button
              variant="default"
              disabled={page <= 1}
              onClick={() => apply({ page: page - 1 > 1 ? String(page - 1) : null })}
            >
              {t('publicNotices.previous')}
            </Button>
            <Text fz="sm">
              {t('publicNotices.page', { page: formatNumber(page), pages: formatNumber(pages) })}
            </Text>
            <Button
              variant="default"
              disabled={page >= pages}
              onClick={() => apply({ page: String(page + 1) })}
              data-testid="public-next"
            >
              {t('publicNotices.next')}
            </Button>
          </Group>
        )}
      </section>
    </PublicLayout>
  );
}

function NoticeCard({ type, notice }: { type: PublicType; notice: ListedNotice }) {
  const { t } = useTranslation();
  const name = extractName(notice);
  const thumbnail = thumbnailPath(notice);
  const born = publicDate(notice.date_of_birth);
  return (
    <Card
      withBorder
      radius="md"
      p="sm"
      component="article"
      className="card-link"
      data-testid="public-notice"
      data-entity-id={notice.entity_id}
    >
      <Card.Section>
        {thumbnail ? (
          <Image src={thumbnail} alt={t('publicNotices.photoAlt', { name })} h={200} fit="cover" />
        ) : (
          <Center h={200} bg="gray.1" c="dimmed">
            <Stack gap={4} align="center">
              <IconUser size={40} aria-hidden />
              <Text fz="xs">{t('publicNotices.noPhoto')}</Text>
            </Stack>
          </Center>
        )}
      </Card.Section>
      <Title order={3} fz="md" mt="sm">
        <Anchor
          component={Link}
          to={`/public/notices/${type}/${pathId(notice.entity_id)}`}
          className="card-link-target"
        >
          <bdi>{name}</bdi>
        </Anchor>
      </Title>
      {born && (
        <Text fz="sm">
          {t('publicNotices.fields.dateOfBirth')}: {born}
        </Text>
      )}
      {notice.nationalities.length > 0 && (
        <Text fz="sm">
          {t('publicNotices.fields.nationalities')}:{' '}
          {notice.nationalities.map((c) => countryName(c)).join(', ')}
        </Text>
      )}
      <Text fz="xs" c="dimmed" dir="ltr" ta="start">
        {notice.entity_id}
      </Text>
    </Card>
  );
}
