import { Stack, Text, Title } from '@mantine/core';

import { FactsTable, type Fact } from '@/components/facts-table';
import { PageLoader } from '@/components/page-loader';
import { QueryError } from '@/components/query-error';
import { useSecurityPolicy } from '@/features/security-policy/api/get-security-policy';
import { PlatformMfaSwitch } from '@/features/security-policy/components/platform-mfa-switch';
import { SigningKeysSection } from '@/features/security-policy/components/signing-keys-section';

/**
 * The password, lockout, MFA and session rules in force. Whether MFA is required of everyone is
 * changed here; the other rules are deployment settings, read-only.
 */
export default function SecurityPolicyRoute() {
  const policy = useSecurityPolicy();
  if (policy.isPending) return <PageLoader label="Loading the security policy…" />;
  if (policy.isError) return <QueryError error={policy.error} onRetry={() => void policy.refetch()} />;
  const p = policy.data;
  const rows: Fact[] = [
    ['Minimum password length', `${p.password_min_length} characters`],
    ['Password strength', p.password_strength_check],
    ['Lockout', `${p.lockout_failures} failed attempts lock a username for ${p.lockout_minutes} minutes`],
    ['Attempts per address', `${p.ip_attempts_per_minute} a minute`],
    ['MFA', p.mfa_required ? 'Required for everyone (TOTP)' : 'Up to each account (TOTP)'],
    ['Session', `${p.session_minutes} minutes without activity, at most ${p.session_max_hours} hours`],
    ['Between password and code', `${p.challenge_minutes} minutes`],
  ];
  return (
    <Stack>
      <Title order={1}>Security policy</Title>
      <PlatformMfaSwitch required={p.mfa_required} unenrolled={p.unenrolled_people} />
      <Text c="dimmed" size="sm">
        The other rules are deployment settings (COFFER_* variables); change them there.
      </Text>
      <FactsTable facts={rows} maw={760} />
      <SigningKeysSection />
    </Stack>
  );
}
