import { Button, Center, Group, Loader, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../i18n/format';

/** A dense, scrollable data table with a sticky header. */
export function DataTable({
  children,
  label,
  minWidth = 720,
}: {
  children: ReactNode;
  label: string;
  minWidth?: number;
}) {
  return (
    <Table.ScrollContainer minWidth={minWidth} className="data-table-wrap">
      <Table
        className="data-table"
        striped
        highlightOnHover
        withTableBorder
        stickyHeader
        verticalSpacing={6}
        horizontalSpacing="sm"
        fz="sm"
        aria-label={label}
      >
        {children}
      </Table>
    </Table.ScrollContainer>
  );
}

/**
 * The row shown while loading, when empty, or on error. An empty list talks about filters
 * only when the caller says some are applied (`filtered`); otherwise it says there is
 * nothing yet — or whatever the caller passes as children.
 */
export function StateRow({
  columns,
  loading,
  empty,
  filtered = false,
  children,
}: {
  columns: number;
  loading?: boolean;
  empty?: boolean;
  filtered?: boolean;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  if (!loading && !empty && !children) return null;
  return (
    <Table.Tr>
      <Table.Td colSpan={columns}>
        <Center py="lg">
          {loading ? (
            <Loader size="sm" role="status" aria-label={t('common.loading')} />
          ) : (
            (children ?? (
              <Text c="dimmed" fz="sm" data-testid="empty-state">
                {filtered ? t('common.noResults') : t('common.nothingYet')}
              </Text>
            ))
          )}
        </Center>
      </Table.Td>
    </Table.Tr>
  );
}

/** "Showing N" and a button for the next page of a cursor-paged list. */
export function LoadMore({
  count,
  hasMore,
  loading,
  onLoad,
}: {
  count: number;
  hasMore: boolean;
  loading: boolean;
  onLoad: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Group justify="space-between" mt="xs">
      <Text fz="xs" c="dimmed" data-testid="result-count">
        {t('common.showing', { count, formatted: formatNumber(count) })}
      </Text>
      {hasMore && (
        <Button variant="default" size="compact-sm" onClick={onLoad} loading={loading}>
          {t('common.loadMore')}
        </Button>
      )}
    </Group>
  );
}
