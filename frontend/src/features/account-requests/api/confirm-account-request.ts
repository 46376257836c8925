import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';

import * as sdk from '@/client/sdk.gen';
import type { RequestReceived } from '@/client/types.gen';

export async function confirmAccountRequest(token: string): Promise<RequestReceived> {
  const { data } = await sdk.confirmAccountRequest({ body: { token } });
  return data;
}

/**
 * Public: confirms the requester's mail address as soon as the link is opened. The link works
 * once, so the token is sent once per page, even when React runs effects twice (StrictMode).
 */
export function useConfirmAccountRequestOnce(token: string) {
  const confirmation = useMutation({ mutationFn: confirmAccountRequest });
  const { mutate } = confirmation;
  const sentToken = useRef<string | null>(null);

  useEffect(() => {
    if (!token || sentToken.current === token) return;
    sentToken.current = token;
    mutate(token);
  }, [token, mutate]);

  return confirmation;
}
