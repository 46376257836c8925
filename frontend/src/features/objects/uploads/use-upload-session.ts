import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';

import { UploadSession } from './upload-session';

// One session per bucket for the page's life: moving between its folders (which remounts the listing)
// or away and back does not stop what is uploading, and its panel comes back with the same files.
const sessions = new Map<string, UploadSession>();

function sessionFor(queryClient: QueryClient, accountId: string, bucket: string): UploadSession {
  const name = `${accountId}/${bucket}`;
  let session = sessions.get(name);
  if (!session) {
    session = new UploadSession({ accountId, bucket }, () => {
      void queryClient.invalidateQueries({ queryKey: ['accounts', accountId, 'buckets', bucket, 'objects'] });
    });
    sessions.set(name, session);
  }
  return session;
}

export function useUploadSession(accountId: string, bucket: string) {
  const session = sessionFor(useQueryClient(), accountId, bucket);
  const snapshot = useSyncExternalStore(session.subscribe, session.getSnapshot);
  return { session, snapshot };
}
