import type { UIMatch } from 'react-router';

import type { Me } from '@/client/types.gen';

/** A route's `handle`: who may see the page at all. Pages without one are for everyone signed in. */
export type RouteAccess = { allowed: (me: Me) => boolean };

export function access(allowed: (me: Me) => boolean): RouteAccess {
  return { allowed };
}

/** Whether `me` may see the page the deepest matched route with an access rule shows. */
export function mayVisit(matches: readonly UIMatch[], me: Me): boolean {
  for (const match of [...matches].reverse()) {
    const handle = match.handle as Partial<RouteAccess> | undefined;
    if (handle?.allowed) return handle.allowed(me);
  }
  return true;
}
