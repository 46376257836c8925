import { Anchor, Stack, Text, Title } from '@mantine/core';
import { Link, useParams, useSearchParams } from 'react-router';

import { paths } from '@/config/paths';
import { useMe } from '@/features/auth/api/get-me';
import { bucketAccess } from '@/features/objects/bucket-access';
import { ObjectBrowser } from '@/features/objects/components/object-browser';

/** One bucket's objects; the folder shown and the filter live in the address, so Back and links work. */
export default function BucketRoute() {
  const { accountId = '', bucket = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const prefix = search.get('prefix') ?? '';
  const filter = search.get('filter') ?? '';
  const { data: me } = useMe();

  return (
    <Stack>
      <Anchor component={Link} to={paths.accountBuckets.getHref(accountId)} size="sm">
        Back to buckets
      </Anchor>
      <Title order={1} style={{ wordBreak: 'break-all' }}>
        {bucket}
      </Title>
      <Text c="dimmed" size="sm">
        Account {accountId}
      </Text>
      <ObjectBrowser
        key={`${accountId}/${bucket}/${prefix}`}
        accountId={accountId}
        bucket={bucket}
        prefix={prefix}
        filter={filter}
        access={me ? bucketAccess(me, accountId, bucket) : undefined}
        onOpenFolder={(next) => setSearch(next ? { prefix: next } : {})}
        onFilter={(next) => setSearch({ ...(prefix ? { prefix } : {}), ...(next ? { filter: next } : {}) }, { replace: true })}
      />
    </Stack>
  );
}
