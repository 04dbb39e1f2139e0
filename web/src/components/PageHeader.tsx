import { Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** The title row of a screen: heading, one line of context, and the screen's main actions. */
export function PageHeader({
  title,
  description,
  actions,
  above,
}: {
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  above?: ReactNode;
}) {
  return (
    <Stack gap={4} mb="md">
      {above}
      {/* Actions go under the title when the row is too narrow for both (a phone): a row
          that would not wrap pushed a notice's buttons off the screen. */}
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="md">
        <div style={{ minWidth: 0 }}>
          <Title order={1} fz="h3" fw={650}>
            {title}
          </Title>
          {description && (
            <Text size="sm" c="dimmed">
              {description}
            </Text>
          )}
        </div>
        {actions && (
          <Group gap="xs" wrap="wrap">
            {actions}
          </Group>
        )}
      </Group>
    </Stack>
  );
}
