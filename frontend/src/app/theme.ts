import { createTheme, PasswordInput, TextInput } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'md',
  components: {
    // Every field of these short forms is required; an asterisk in each label only adds noise
    // (and text to the label). `required` still marks the input as required for assistive technology.
    TextInput: TextInput.extend({ defaultProps: { withAsterisk: false } }),
    PasswordInput: PasswordInput.extend({
      defaultProps: {
        withAsterisk: false,
        // Mantine's default name ("Toggle password visibility") would also answer to the field's label.
        visibilityToggleButtonProps: { 'aria-label': 'Show or hide the characters' },
      },
    }),
  },
});
