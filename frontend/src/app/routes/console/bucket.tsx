import { Anchor, Stack, Tabs, Text, Title } from '@mantine/core';
import { Link, useParams, useSearchParams } from 'react-router';

import { paths } from '@/config/paths';
import { useMe } from '@/features/auth/api/get-me';
import { useBucketSettings } from '@/features/bucket-settings/api/get-bucket-settings';
import { BucketSettings } from '@/features/bucket-settings/components/bucket-settings';
import { type BucketAccess, bucketAccess } from '@/features/objects/bucket-access';
import { ObjectBrowser } from '@/features/objects/components/object-browser';
import { BucketUsageSummary } from '@/features/quotas/components/bucket-usage-summary';
import { canReadBucketSettings } from '@/lib/authorization';

const NO_ACCESS: BucketAccess = { read: false, write: false, delete: false };

/**
 * One bucket: its objects, and its settings for the account's administrators. The tab, the folder shown
 * and the filter live in the address, so Back and links work.
 */
export default function BucketRoute() {
  const { accountId = '', bucket = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const { data: me } = useMe();
  const prefix = search.get('prefix') ?? '';
  const filter = search.get('filter') ?? '';
  const settingsShown = me !== undefined && canReadBucketSettings(me, accountId);
  const tab = settingsShown && search.get('tab') === 'settings' ? 'settings' : 'objects';
  const access = me === undefined ? NO_ACCESS : bucketAccess(me, accountId, bucket);
  // Whoever may read the settings learns the versioning a delete will meet; for others it stays unknown.
  const settings = useBucketSettings({ accountId, bucket }, settingsShown);

  const browser = (
    <ObjectBrowser
      key={`${accountId}/${bucket}/${prefix}`}
      accountId={accountId}
      bucket={bucket}
      prefix={prefix}
      filter={filter}
      access={access}
      versioning={settings.data?.versioning ?? null}
      onOpenFolder={(next) => setSearch(next ? { prefix: next } : {})}
      onFilter={(next) => setSearch({ ...(prefix ? { prefix } : {}), ...(next ? { filter: next } : {}) }, { replace: true })}
    />
  );
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
      <BucketUsageSummary accountId={accountId} bucket={bucket} />
      {settingsShown ? (
        <Tabs value={tab} onChange={(next) => setSearch(next === 'settings' ? { tab: 'settings' } : {})} keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="objects">Objects</Tabs.Tab>
            <Tabs.Tab value="settings">Settings</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="objects" pt="md">
            {browser}
          </Tabs.Panel>
          <Tabs.Panel value="settings" pt="md">
            <BucketSettings accountId={accountId} bucket={bucket} />
          </Tabs.Panel>
        </Tabs>
      ) : (
        browser
      )}
    </Stack>
  );
}
