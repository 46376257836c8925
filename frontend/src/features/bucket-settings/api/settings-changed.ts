import type { QueryClient } from '@tanstack/react-query';

import type { BucketSettingsAnswer } from '@/client/types.gen';

import { type BucketRef, bucketSettingsQueryKey } from './get-bucket-settings';

/** Every change answers the settings as they are now: they replace what the page shows, without a refetch. */
export function settingsChanged(queryClient: QueryClient, ref: BucketRef, settings: BucketSettingsAnswer): void {
  queryClient.setQueryData(bucketSettingsQueryKey(ref), settings);
}
