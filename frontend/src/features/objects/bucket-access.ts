import type { PermittedInAccounts } from '@/lib/authorization';
import { canBrowseObjects, canDeleteObjects, canWriteObjects } from '@/lib/authorization';

/** What the signed-in person may do with one bucket's objects: the one place object views ask, so a
 * person sees the actions their data grant allows and no others (the API and the storage system refuse
 * the rest too). */
export type BucketAccess = { read: boolean; write: boolean; delete: boolean };

export function bucketAccess(me: PermittedInAccounts, accountId: string, bucket: string): BucketAccess {
  void bucket; // each bucket's own grant arrives with data grants
  return {
    read: canBrowseObjects(me, accountId),
    write: canWriteObjects(me, accountId),
    delete: canDeleteObjects(me, accountId),
  };
}
