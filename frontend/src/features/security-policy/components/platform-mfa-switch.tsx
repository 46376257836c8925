import { Stack, Switch, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';

import { ConfirmModal } from '@/components/confirm-modal';
import { FormError } from '@/components/form-error';

import { useSetPlatformMfaRequirement } from '../api/set-platform-mfa-requirement';
import { signedOutNote } from '../signed-out-note';

const DESCRIPTION =
  "When off, each account's administrators decide for their people. Turning it on signs out at once everyone " +
  'who has not set it up; they set it up at their next sign-in.';

function people(count: number): string {
  return count === 1 ? '1 person' : `${count} people`;
}

/**
 * Whether everyone must use two-factor authentication. Turning it on signs people out, so it is
 * confirmed first, saying how many; turning it off is saved as soon as it is switched. While the
 * change is on its way the switch shows it; a refusal puts it back to the saved value and says why.
 */
export function PlatformMfaSwitch({ required, unenrolled }: { required: boolean; unenrolled: number }) {
  const change = useSetPlatformMfaRequirement();
  const [confirming, setConfirming] = useState(false);
  const checked = change.isPending ? change.variables : required;

  const save = (next: boolean) =>
    change.mutate(next, {
      onSuccess: (policy) => {
        setConfirming(false);
        notifications.show({
          color: 'green',
          message: policy.mfa_required
            ? `Two-factor authentication is now required for everyone.${signedOutNote(policy.signed_out)}`
            : 'Two-factor authentication is now up to each account.',
        });
      },
    });

  return (
    <Stack gap="xs" maw={760}>
      <Switch
        label="Require two-factor authentication for everyone"
        description={DESCRIPTION}
        checked={checked}
        disabled={change.isPending}
        onChange={(event) => (event.currentTarget.checked ? setConfirming(true) : save(false))}
      />
      {!confirming && <FormError error={change.error} />}
      <ConfirmModal
        opened={confirming}
        title="Require two-factor authentication for everyone?"
        confirmLabel="Require it and sign them out"
        color="orange"
        loading={change.isPending}
        error={change.error}
        onConfirm={() => save(true)}
        onClose={() => {
          setConfirming(false);
          change.reset();
        }}
      >
        <Text size="sm">
          {unenrolled === 0
            ? 'Everyone has an authenticator already: nobody is signed out.'
            : `${people(unenrolled)} without an authenticator will be signed out at once and set one up at their next sign-in.`}
        </Text>
      </ConfirmModal>
    </Stack>
  );
}
