import { Badge, type MantineColor } from '@mantine/core';

import type { NotificationItem } from '@/client/types.gen';

const LEVELS: Record<NotificationItem['level'], { label: string; color: MantineColor }> = {
  warning: { label: 'Warning', color: 'yellow' },
  critical: { label: 'Critical', color: 'orange' },
  exceeded: { label: 'Exceeded', color: 'red' },
};

/** How far usage went: past the warning threshold, the critical one, or over the quota. */
export function NotificationLevelBadge({ level }: { level: NotificationItem['level'] }) {
  const { label, color } = LEVELS[level];
  return (
    <Badge color={color} variant="light">
      {label}
    </Badge>
  );
}
