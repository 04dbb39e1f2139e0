import { Button, Card, Image, Stack } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import type { ReactNode } from 'react';

/**
 * One photograph in a list being edited (a notice's, a record's): the picture, what is said
 * under it, and a button to remove it. A list item: the list is a `ul`.
 */
export function PhotoTile({
  src,
  alt,
  height,
  removeText,
  removeLabel,
  onRemove,
  children,
  ...attributes
}: {
  src: string;
  alt: string;
  height: number;
  removeText: string;
  /** The button's accessible name: which photograph it removes. */
  removeLabel: string;
  onRemove: () => void;
  children?: ReactNode;
} & { [data: `data-${string}`]: string }) {
  return (
    <Card component="li" withBorder radius="sm" p="xs" data-testid="photo" {...attributes}>
      <Stack gap={6}>
        <Image src={src} alt={alt} h={height} fit="contain" radius="xs" />
        {children}
        <Button
          size="compact-xs"
          variant="subtle"
          color="red"
          leftSection={<IconTrash size={14} aria-hidden />}
          onClick={onRemove}
          aria-label={removeLabel}
          data-testid="remove-photo"
        >
          {removeText}
        </Button>
      </Stack>
    </Card>
  );
}
