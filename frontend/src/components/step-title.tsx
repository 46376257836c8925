import { Title } from '@mantine/core';
import type { ReactNode } from 'react';

export function StepTitle({ children }: { children: ReactNode }) {
  return (
    <Title order={2} size="h3" mb="md">
      {children}
    </Title>
  );
}
