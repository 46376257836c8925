import type { ReactNode } from 'react';

import type { PasswordRules } from '@/client/types.gen';
import { PageLoader } from '@/components/page-loader';
import { QueryError } from '@/components/query-error';

import { usePasswordRules } from '../api/get-password-rules';

/** A form that sets a password appears once the server's rules are known: they are what it checks and states. */
export function WithPasswordRules({ children }: { children: (rules: PasswordRules) => ReactNode }) {
  const rules = usePasswordRules();
  if (rules.isPending) return <PageLoader label="Loading the password rules…" />;
  if (rules.isError) return <QueryError error={rules.error} onRetry={() => void rules.refetch()} />;
  return children(rules.data);
}
