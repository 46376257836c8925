import { Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useId, useState } from 'react';

import { daysBetween, toDateInput } from '@/lib/dates';

import { accountUsageExportHref } from '../api/export-account-usage';

/** The server's limit on one export. */
const MAX_DAYS = 400;

/** From the first of this month to today, in the reader's calendar. */
function thisMonth(): { start: string; end: string } {
  const today = new Date();
  return { start: toDateInput(new Date(today.getFullYear(), today.getMonth(), 1)), end: toDateInput(today) };
}

function periodProblem(start: string, end: string): string | null {
  const days = daysBetween(start, end);
  if (Number.isNaN(days)) return 'Choose both days.';
  if (days < 0) return 'Choose an end on or after the start.';
  if (days >= MAX_DAYS) return `Choose at most ${MAX_DAYS} days.`;
  return null;
}

/**
 * The account's daily usage for a period as CSV, for billing: a plain link the browser follows with
 * the session cookie. A period the server would refuse disables the link and says why.
 */
export function ExportUsageForm({ accountId }: { accountId: string }) {
  const titleId = useId();
  const toId = useId();
  const [period, setPeriod] = useState(thisMonth);
  const problem = periodProblem(period.start, period.end);

  return (
    // Nothing to submit: the link downloads. Enter in a field must not reload the page.
    <Stack component="form" gap="sm" aria-labelledby={titleId} onSubmit={(event) => event.preventDefault()}>
      <Title order={2} size="h3" id={titleId}>
        Export usage
      </Title>
      <Text size="sm" c="dimmed">
        Capacity and requests per day (UTC), both days included.
      </Text>
      <Group align="flex-start">
        <TextInput
          label="From"
          type="date"
          value={period.start}
          onChange={(event) => {
            const start = event.currentTarget.value;
            setPeriod((current) => ({ ...current, start }));
          }}
          w={180}
        />
        <TextInput
          label="To"
          type="date"
          value={period.end}
          onChange={(event) => {
            const end = event.currentTarget.value;
            setPeriod((current) => ({ ...current, end }));
          }}
          id={toId}
          error={problem}
          errorProps={{ role: 'alert' }}
          w={180}
        />
      </Group>
      <Group>
        <Button
          component="a"
          href={accountUsageExportHref(accountId, period)}
          download
          variant="light"
          data-disabled={problem !== null || undefined}
          aria-disabled={problem !== null || undefined}
          aria-describedby={problem ? `${toId}-error` : undefined}
          onClick={(event) => {
            if (problem) event.preventDefault();
          }}
        >
          Download CSV
        </Button>
      </Group>
    </Stack>
  );
}
