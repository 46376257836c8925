import { createTheme, PasswordInput, TextInput } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'md',
  components: {
    // Most fields of these short forms are required; an asterisk in each label only adds noise
    // (and text to the label), so the few optional fields say "Optional." in their description.
    // `required` still marks the input as required for assistive technology.
    TextInput: TextInput.extend({ defaultProps: { withAsterisk: false } }),
    // Plain objects, not `.extend`: importing these inputs here would put them in the first download.
    NumberInput: { defaultProps: { withAsterisk: false } },
    Textarea: { defaultProps: { withAsterisk: false } },
    PasswordInput: PasswordInput.extend({
      defaultProps: {
        withAsterisk: false,
        // Mantine's default name ("Toggle password visibility") would also answer to the field's label.
        visibilityToggleButtonProps: { 'aria-label': 'Show or hide the characters' },
      },
    }),
  },
});
