import { Skeleton, Stack, Switch } from '@mantine/core';
import { notifications } from '@mantine/notifications';

import { FormError } from '@/components/form-error';
import { QueryError } from '@/components/query-error';

import { useAccountMfaPolicy } from '../api/get-account-mfa-policy';
import { useSetAccountMfaPolicy } from '../api/set-account-mfa-policy';
import { signedOutNote } from '../signed-out-note';

/**
 * Whether the account's people must use two-factor authentication, saved as soon as it is switched.
 * When the platform requires it of everyone, the switch shows that and cannot lift it. A refusal puts
 * the switch back to the saved value and says why.
 */
export function AccountMfaSwitch({ accountId }: { accountId: string }) {
  const policy = useAccountMfaPolicy(accountId);
  const change = useSetAccountMfaPolicy(accountId);

  if (policy.isPending) return <Skeleton h={40} maw={420} />;
  if (policy.isError) return <QueryError error={policy.error} onRetry={() => void policy.refetch()} />;
  const { platform_required, account_required } = policy.data;
  const checked = platform_required || (change.isPending ? change.variables : account_required);

  const save = (next: boolean) =>
    change.mutate(next, {
      onSuccess: (saved) =>
        notifications.show({
          color: 'green',
          message: saved.account_required
            ? `Two-factor authentication is now required in this account.${signedOutNote(saved.signed_out)}`
            : 'Two-factor authentication is no longer required by this account.',
        }),
    });

  return (
    <Stack gap="xs" maw={760}>
      <Switch
        label="Require two-factor authentication in this account"
        description={
          platform_required
            ? 'Required for everyone by the platform.'
            : 'Turning it on signs out at once the people who have not set it up; they set it up at their next sign-in.'
        }
        checked={checked}
        disabled={platform_required || change.isPending}
        onChange={(event) => save(event.currentTarget.checked)}
      />
      <FormError error={change.error} />
    </Stack>
  );
}
