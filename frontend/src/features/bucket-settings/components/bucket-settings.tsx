import { Stack, Text } from '@mantine/core';

import { PageLoader } from '@/components/page-loader';
import { QueryError } from '@/components/query-error';

import { CorsSetting } from './cors-setting';
import { PolicySetting } from './policy-setting';
import { SettingCard } from './setting-card';
import { TagsSetting } from './tags-setting';
import { VersioningSetting } from './versioning-setting';
import { type BucketRef, useBucketSettings } from '../api/get-bucket-settings';

/**
 * A bucket's settings, each in its own box with its own save: what the storage system does not offer is
 * shown with its reason instead of a form. A form is remade from the server's answer once it is saved,
 * and keeps what was typed when the save is refused.
 */
export function BucketSettings({ accountId, bucket }: BucketRef) {
  const bucketRef = { accountId, bucket };
  const settings = useBucketSettings(bucketRef);

  if (settings.isPending) return <PageLoader label="Loading settings…" />;
  if (!settings.data) return <QueryError error={settings.error} onRetry={() => void settings.refetch()} />;
  const current = settings.data;
  const { features } = current;
  return (
    <Stack>
      <SettingCard
        title="Versioning"
        description="Keeps every version of an object, so an overwrite or a delete can be undone from the object's details."
        support={features.versioning}
      >
        <VersioningSetting bucketRef={bucketRef} settings={current} />
      </SettingCard>
      <SettingCard
        title="Object lock"
        description="Protects versions from deletion for a set time or while on legal hold."
        support={features.object_lock}
      >
        <Text size="sm">
          {current.object_lock
            ? 'On: chosen when the bucket was made, and it stays on.'
            : 'Off. The storage system turns object lock on only when a bucket is made, never later.'}
        </Text>
      </SettingCard>
      <SettingCard
        title="Lifecycle rules"
        description="Expire or move objects after a time."
        support={features.lifecycle}
      />
      <SettingCard
        title="CORS"
        description="Which web pages may call this bucket from a browser, with which methods and headers."
        support={features.cors}
      >
        <CorsSetting key={JSON.stringify(current.cors)} bucketRef={bucketRef} rules={current.cors ?? []} />
      </SettingCard>
      <SettingCard title="Tags" description="Labels on the bucket, such as a team or a cost centre." support={features.bucket_tags}>
        <TagsSetting key={JSON.stringify(current.tags)} bucketRef={bucketRef} tags={current.tags ?? []} />
      </SettingCard>
      <SettingCard
        title="Bucket policy"
        description="Who else may do what in this bucket, such as letting anyone read its objects."
        support={features.bucket_policy}
      >
        <PolicySetting key={current.policy ?? ''} bucketRef={bucketRef} policy={current.policy} />
      </SettingCard>
    </Stack>
  );
}
