import { Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import { FactsTable, type Fact } from '@/components/facts-table';
import { PageLoader } from '@/components/page-loader';
import { QueryError } from '@/components/query-error';

/** The password, lockout, MFA and session rules in force: read-only, they are deployment settings. */
export default function SecurityPolicyRoute() {
  const policy = useQuery({
    queryKey: ['security-policy'],
    queryFn: async () => (await sdk.getSecurityPolicy()).data,
  });
  if (policy.isPending) return <PageLoader label="Loading the security policy…" />;
  if (policy.isError) return <QueryError error={policy.error} onRetry={() => void policy.refetch()} />;
  const p = policy.data;
  const rows: Fact[] = [
    ['Minimum password length', `${p.password_min_length} characters`],
    ['Password strength', p.password_strength_check],
    ['Lockout', `${p.lockout_failures} failed attempts lock a username for ${p.lockout_minutes} minutes`],
    ['Attempts per address', `${p.ip_attempts_per_minute} a minute`],
    ['MFA', p.mfa_required ? 'Required for everyone (TOTP)' : 'Optional'],
    ['Session', `${p.session_minutes} minutes without activity, at most ${p.session_max_hours} hours`],
    ['Between password and code', `${p.challenge_minutes} minutes`],
  ];
  return (
    <Stack>
      <Title order={1}>Security policy</Title>
      <Text c="dimmed" size="sm">
        These rules are deployment settings (COFFER_* variables); change them there.
      </Text>
      <FactsTable facts={rows} maw={760} />
    </Stack>
  );
}
