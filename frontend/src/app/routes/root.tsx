import { Outlet } from 'react-router';

import { SessionEndedRedirect } from '@/features/auth/components/session-ended-redirect';

export function RootRoute() {
  return (
    <>
      <SessionEndedRedirect />
      <Outlet />
    </>
  );
}
