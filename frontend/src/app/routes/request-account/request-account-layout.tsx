import { Outlet } from 'react-router';

import { CardLayout } from '@/components/card-layout';

/** Requesting an account needs no session: the same card as sign-in, outside the console. */
export function RequestAccountLayout() {
  return (
    <CardLayout>
      <Outlet />
    </CardLayout>
  );
}
