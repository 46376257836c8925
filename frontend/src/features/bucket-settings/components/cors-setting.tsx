import { Button, Checkbox, Group, NumberInput, Paper, Stack, TagsInput, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';

import type { CorsRuleModel } from '@/client/types.gen';
import { FormError } from '@/components/form-error';

import { setNestedFieldErrors } from './field-errors';
import type { BucketRef } from '../api/get-bucket-settings';
import { useSetCors } from '../api/set-cors';

const METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'] as const;
type Method = (typeof METHODS)[number];
type RuleValues = {
  allowed_origins: string[];
  allowed_methods: Method[];
  allowed_headers: string[];
  expose_headers: string[];
  max_age_seconds: number | string;
};

function toValues(rule: CorsRuleModel): RuleValues {
  return {
    allowed_origins: rule.allowed_origins,
    allowed_methods: rule.allowed_methods,
    allowed_headers: rule.allowed_headers ?? [],
    expose_headers: rule.expose_headers ?? [],
    max_age_seconds: rule.max_age_seconds ?? '',
  };
}

function toRule(values: RuleValues): CorsRuleModel {
  return {
    allowed_origins: values.allowed_origins,
    allowed_methods: values.allowed_methods,
    allowed_headers: values.allowed_headers,
    expose_headers: values.expose_headers,
    max_age_seconds: typeof values.max_age_seconds === 'number' ? values.max_age_seconds : null,
  };
}

const NEW_RULE: RuleValues = { allowed_origins: [], allowed_methods: ['GET'], allowed_headers: [], expose_headers: [], max_age_seconds: '' };

/** Which web pages may call the bucket from a browser; saving replaces every rule (none removes them). */
export function CorsSetting({ bucketRef, rules }: { bucketRef: BucketRef; rules: CorsRuleModel[] }) {
  const save = useSetCors(bucketRef);
  const form = useForm<{ rules: RuleValues[] }>({ mode: 'controlled', initialValues: { rules: rules.map(toValues) } });
  const shown = form.getValues().rules;

  const submit = form.onSubmit((values) =>
    save.mutate(
      { rules: values.rules.map(toRule) },
      {
        onSuccess: () => notifications.show({ color: 'green', message: 'CORS rules saved.' }),
        onError: (error) => setNestedFieldErrors(form, error, 3),
      },
    ),
  );

  return (
    <form onSubmit={submit} noValidate aria-label="CORS rules">
      <Stack gap="sm">
        <FormError error={save.error} />
        {shown.length === 0 && (
          <Text size="sm" c="dimmed">
            No rules. Without rules, the storage system&apos;s own default answers browsers (on SeaweedFS, as started
            here, that allows every origin).
          </Text>
        )}
        {shown.map((_, index) => (
          <Paper key={index} withBorder p="sm" aria-label={`CORS rule ${index + 1}`}>
            <Stack gap="xs">
              <TagsInput
                label="Allowed origins"
                description="Scheme and host, such as https://app.example.com; * for any. Press Enter after each."
                {...form.getInputProps(`rules.${index}.allowed_origins`)}
              />
              <Checkbox.Group label="Allowed methods" {...form.getInputProps(`rules.${index}.allowed_methods`)}>
                <Group mt={4}>
                  {METHODS.map((method) => (
                    <Checkbox key={method} value={method} label={method} />
                  ))}
                </Group>
              </Checkbox.Group>
              <TagsInput
                label="Allowed headers"
                description="Request headers a page may send; * for any."
                {...form.getInputProps(`rules.${index}.allowed_headers`)}
              />
              <TagsInput
                label="Exposed headers"
                description="Answer headers a page's scripts may read, such as ETag."
                {...form.getInputProps(`rules.${index}.expose_headers`)}
              />
              <NumberInput
                label="Max age (seconds)"
                description="How long a browser may keep the answer to its preflight; empty for the browser's default."
                min={0}
                max={86400}
                allowDecimal={false}
                maw={240}
                {...form.getInputProps(`rules.${index}.max_age_seconds`)}
              />
              <Group>
                <Button variant="subtle" color="red" onClick={() => form.removeListItem('rules', index)}>
                  Remove rule {index + 1}
                </Button>
              </Group>
            </Stack>
          </Paper>
        ))}
        <Group>
          <Button variant="default" onClick={() => form.insertListItem('rules', { ...NEW_RULE })}>
            Add rule
          </Button>
          <Button type="submit" loading={save.isPending}>
            Save CORS rules
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
