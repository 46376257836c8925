import { Outlet } from 'react-router';

import { CardLayout } from '@/components/card-layout';
import { SignInFlowProvider } from '@/features/auth/sign-in-flow';

/** The sign-in steps share one card and one in-memory flow (the challenge never leaves this tab's memory). */
export function SignInLayout() {
  return (
    <SignInFlowProvider>
      <CardLayout>
        <Outlet />
      </CardLayout>
    </SignInFlowProvider>
  );
}
