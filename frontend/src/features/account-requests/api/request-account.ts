import { useMutation } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { AccountRequestCreate, RequestReceived } from '@/client/types.gen';

export async function requestAccount(body: AccountRequestCreate): Promise<RequestReceived> {
  const { data } = await sdk.requestAccount({ body });
  return data;
}

/** Public: sends the form; the requester then gets a mail with a confirmation link. */
export function useRequestAccount() {
  return useMutation({ mutationFn: requestAccount });
}
