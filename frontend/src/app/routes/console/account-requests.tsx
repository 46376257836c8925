import { Stack, Title } from '@mantine/core';

import { AccountRequestsTable } from '@/features/account-requests/components/account-requests-table';
import { RequestStatusSelect } from '@/features/account-requests/components/request-status-select';
import { useRequestStatusFilter } from '@/features/account-requests/request-status-filter';
import { useMe } from '@/features/auth/api/get-me';
import { canDecideRequests } from '@/lib/authorization';

export default function AccountRequestsRoute() {
  const { data: me } = useMe();
  const [status, setStatus] = useRequestStatusFilter();
  return (
    <Stack>
      <Title order={1}>Account requests</Title>
      <RequestStatusSelect status={status} onChange={setStatus} />
      <AccountRequestsTable status={status} canDecide={!!me && canDecideRequests(me)} />
    </Stack>
  );
}
