import { Button, Group, Stack, Text, Title } from '@mantine/core';

import { auditExportHref } from '@/features/audit/api/export-audit-events';
import { auditQuery, useAuditFilters } from '@/features/audit/audit-filters';
import { AuditFiltersBar } from '@/features/audit/components/audit-filters-bar';
import { AuditTable } from '@/features/audit/components/audit-table';
import { useMe } from '@/features/auth/api/get-me';
import { isAccountRole } from '@/lib/authorization';

export default function AuditRoute() {
  const { data: me } = useMe();
  const [filters, setFilters] = useAuditFilters();
  if (!me) return null;
  const ownAccountOnly = isAccountRole(me.role);
  const query = auditQuery(filters, !ownAccountOnly);

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>Audit log</Title>
        <Button component="a" href={auditExportHref(query)} download variant="light">
          Export CSV
        </Button>
      </Group>
      {ownAccountOnly && (
        <Text c="dimmed" size="sm">
          Events of account {me.account_id}
        </Text>
      )}
      <AuditFiltersBar filters={filters} withAccount={!ownAccountOnly} onChange={setFilters} />
      <AuditTable query={query} />
    </Stack>
  );
}
