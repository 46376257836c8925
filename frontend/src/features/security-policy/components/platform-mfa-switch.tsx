import { Stack, Switch } from '@mantine/core';
import { notifications } from '@mantine/notifications';

import { FormError } from '@/components/form-error';

import { useSetPlatformMfaRequirement } from '../api/set-platform-mfa-requirement';
import { signedOutNote } from '../signed-out-note';

const DESCRIPTION =
  "When off, each account's administrators decide for their people. Turning it on signs out at once everyone " +
  'who has not set it up; they set it up at their next sign-in.';

/**
 * Whether everyone must use two-factor authentication, saved as soon as it is switched. While the
 * change is on its way the switch shows it; a refusal puts it back to the saved value and says why.
 */
export function PlatformMfaSwitch({ required }: { required: boolean }) {
  const change = useSetPlatformMfaRequirement();
  const checked = change.isPending ? change.variables : required;

  const save = (next: boolean) =>
    change.mutate(next, {
      onSuccess: (policy) =>
        notifications.show({
          color: 'green',
          message: policy.mfa_required
            ? `Two-factor authentication is now required for everyone.${signedOutNote(policy.signed_out)}`
            : 'Two-factor authentication is now up to each account.',
        }),
    });

  return (
    <Stack gap="xs" maw={760}>
      <Switch
        label="Require two-factor authentication for everyone"
        description={DESCRIPTION}
        checked={checked}
        disabled={change.isPending}
        onChange={(event) => save(event.currentTarget.checked)}
      />
      <FormError error={change.error} />
    </Stack>
  );
}
