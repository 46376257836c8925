import { Alert, Badge, Stack, Table, Text } from '@mantine/core';

import type { SagaStep } from '@/client/types.gen';
import { ListTable } from '@/components/list-table';
import { formatDateTime } from '@/lib/dates';

const STEP_STATUSES: Record<SagaStep['status'], { label: string; color: string }> = {
  pending: { label: 'Pending', color: 'gray' },
  waiting: { label: 'Waiting', color: 'yellow' },
  done: { label: 'Done', color: 'green' },
  failed: { label: 'Failed', color: 'red' },
};

/** `console_access` → `Console access` */
function stepLabel(name: string): string {
  const words = name.replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

type Saga = 'Provisioning' | 'Deletion';

const AFTER_A_FAILURE: Record<Saga, string> = {
  Provisioning: 'Once the cause is fixed, provisioning can be retried.',
  Deletion: 'Once the cause is fixed, delete the account again to go on from this step.',
};

/** A saga's steps in order (provisioning, or deletion); the step that failed stands out with its error. */
export function ProvisioningSteps({ steps, saga = 'Provisioning' }: { steps: SagaStep[]; saga?: Saga }) {
  if (steps.length === 0) return <Text c="dimmed">No {saga.toLowerCase()} steps recorded.</Text>;
  const failedStep = steps.find((step) => step.status === 'failed');
  const waitingStep = steps.find((step) => step.status === 'waiting');
  return (
    <Stack>
      {waitingStep && (
        <Alert color="yellow" title={`${saga} waits at “${stepLabel(waitingStep.name)}”`}>
          <Text size="sm">{waitingStep.error ?? 'The storage system did not answer.'}</Text>
          <Text size="sm">It goes on by itself as soon as the storage system answers again.</Text>
        </Alert>
      )}
      {failedStep && (
        <Alert color="red" title={`${saga} failed at “${stepLabel(failedStep.name)}”`}>
          <Text size="sm">{failedStep.error ?? 'No reason was recorded.'}</Text>
          <Text size="sm">{AFTER_A_FAILURE[saga]}</Text>
        </Alert>
      )}
      <ListTable label={`${saga} step list`} withTableBorder maw={900} aria-label={`${saga} steps`}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Step</Table.Th>
            <Table.Th>State</Table.Th>
            <Table.Th>When</Table.Th>
            <Table.Th>Error</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {steps.map((step) => {
            const failed = step.status === 'failed';
            const { label, color } = STEP_STATUSES[step.status];
            return (
              <Table.Tr
                key={step.name}
                bg={failed ? 'var(--mantine-color-red-light)' : undefined}
                data-failed={failed || undefined}
              >
                <Table.Td fw={failed ? 700 : undefined}>{stepLabel(step.name)}</Table.Td>
                <Table.Td>
                  <Badge color={color} variant={failed ? 'filled' : 'light'}>
                    {label}
                  </Badge>
                </Table.Td>
                <Table.Td>{step.at ? <time dateTime={step.at}>{formatDateTime(step.at)}</time> : '—'}</Table.Td>
                <Table.Td c={failed ? 'red' : undefined}>{step.error ?? ''}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </ListTable>
    </Stack>
  );
}
