import { Anchor, Paper, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

/** What a card's figure shows until it has arrived. */
export const LOADING = '…';

type StatCardProps = {
  /** What the figure is. */
  title: string;
  /** The page with the details, and its link's words ("View accounts": not the navigation's own name). */
  to?: string;
  linkLabel?: string;
  /** The figure itself, large (a card of a list has none). */
  value?: ReactNode;
  /** What the figure means or how it came about, small. */
  note?: ReactNode;
  children?: ReactNode;
};

/** One figure of an overview, and the page it comes from. */
export function StatCard({ title, to, linkLabel, value, note, children }: StatCardProps) {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={title}>
      <Stack gap={6}>
        <Text size="sm" fw={600}>
          {title}
        </Text>
        {value !== undefined && (
          <Text fz={28} fw={700} lh={1.1}>
            {value}
          </Text>
        )}
        {note && (
          <Text size="sm" c="dimmed">
            {note}
          </Text>
        )}
        {children}
        {to && (
          <Anchor component={Link} to={to} size="sm">
            {linkLabel ?? `View ${title.toLowerCase()}`}
          </Anchor>
        )}
      </Stack>
    </Paper>
  );
}
