import { Container, Paper, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** The pages seen without a session (sign-in, requesting an account): the name above one card. */
export function CardLayout({ children }: { children: ReactNode }) {
  return (
    <Container component="main" size={440} py={80}>
      <Title order={1} ta="center" mb="lg">
        Coffer
      </Title>
      <Paper withBorder shadow="sm" p="xl">
        {children}
      </Paper>
    </Container>
  );
}
