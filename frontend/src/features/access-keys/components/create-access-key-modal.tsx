import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';

import type { StepUpRequest } from '@/client/types.gen';
import { FormError } from '@/components/form-error';
import { StepUpField } from '@/components/step-up-field';
import type { ApiError } from '@/lib/api-error';
import {
  EMPTY_STEP_UP,
  setStepUpErrors,
  stepUpBody,
  stepUpFormError,
  stepUpValidation,
  type StepUpFactor,
} from '@/lib/step-up';

type StepUpProps = {
  /** The signed-in person's factor, whoever's key it is: `stepUpFactor(me)`. */
  factor: StepUpFactor;
  creating: boolean;
  /** Why the last attempt failed; the modal stays open and keeps what was typed. */
  error: unknown;
  /** Creates the key; `refused` puts a refusal of the factor on its field. */
  onCreate: (stepUp: StepUpRequest, refused: (error: ApiError) => void) => void;
  onClose: () => void;
};

function StepUpForm({ factor, creating, error, onCreate, onClose }: StepUpProps) {
  const form = useForm({ mode: 'controlled', initialValues: EMPTY_STEP_UP, validate: stepUpValidation(factor) });

  const submit = form.onSubmit((values) =>
    onCreate(stepUpBody(factor, values), (refusal) => setStepUpErrors(form, refusal, factor)),
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm">
          {factor === 'code'
            ? 'Enter a code from your authenticator app to create the key.'
            : 'Enter your current password to create the key.'}{' '}
          Its secret is shown only once.
        </Text>
        <FormError error={stepUpFormError(error, factor)} />
        <StepUpField factor={factor} data-autofocus {...form.getInputProps(factor)} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={creating}>
            Create key
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * Asks the signed-in person to prove it is them again before a key (and its secret) is made: a
 * stolen session alone must not mint storage secrets. What was typed goes when the modal closes.
 */
export function CreateAccessKeyModal({ opened, ...props }: StepUpProps & { opened: boolean }) {
  return (
    <Modal opened={opened} onClose={props.onClose} title="Confirm it is you" centered>
      <StepUpForm {...props} />
    </Modal>
  );
}
