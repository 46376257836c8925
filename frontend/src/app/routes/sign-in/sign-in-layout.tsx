import { Container, Paper, Title } from '@mantine/core';
import { Outlet } from 'react-router';

import { SignInFlowProvider } from '@/features/auth/sign-in-flow';

/** The sign-in steps share one card and one in-memory flow (the challenge never leaves this tab's memory). */
export function SignInLayout() {
  return (
    <SignInFlowProvider>
      <Container size={440} py={80}>
        <Title order={1} ta="center" mb="lg">
          Coffer
        </Title>
        <Paper withBorder shadow="sm" p="xl">
          <Outlet />
        </Paper>
      </Container>
    </SignInFlowProvider>
  );
}
