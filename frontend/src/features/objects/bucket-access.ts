import type { Me } from '@/client/types.gen';
import { canBrowseObjects, canDeleteObjects, canWriteObjects } from '@/lib/authorization';
import { rank, type DataLevel } from '@/lib/data-levels';

/** What the signed-in person may do with one bucket's objects: the one place object views ask, so a
 * person sees the actions their role and data grant allow and no others (the API and the storage system
 * refuse the rest too). */
export type BucketAccess = { read: boolean; write: boolean; delete: boolean };

type Person = Pick<Me, 'permissions' | 'account_id' | 'data_access'>;

function levelIn(me: Person, bucket: string): DataLevel {
  const access = me.data_access;
  if (!access) return 'none';
  if (access.manage) return 'read-write-delete';
  const own = access.buckets[bucket] ?? 'none';
  return rank(own) > rank(access.account) ? own : access.account;
}

export function bucketAccess(me: Person, accountId: string, bucket: string): BucketAccess {
  const level = rank(levelIn(me, bucket));
  return {
    read: canBrowseObjects(me, accountId) && level >= rank('read'),
    write: canWriteObjects(me, accountId) && level >= rank('read-write'),
    delete: canDeleteObjects(me, accountId) && level >= rank('read-write-delete'),
  };
}
