import {
  createTheme,
  type CSSVariablesResolver,
  darken,
  DEFAULT_THEME,
  keys,
  type MantineTheme,
  PasswordInput,
  TextInput,
} from '@mantine/core';

/**
 * Mantine's palettes are bright: its default text colours fail WCAG's 4.5:1 on nearly every page
 * (dimmed #868e96 on white 3.32:1, green-9 on green-1 badges, white on indigo-6 4.32:1).
 * These are the colours whose contrast passes, each checked by axe-core in the e2e suite.
 */
const TEXT_DARKENING = 0.3;

function passingTextColours(theme: MantineTheme): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const name of keys(theme.colors)) {
    const darkest = theme.colors[name][9];
    // Text in a colour ("c" prop, subtle buttons) and the text of light badges and alerts.
    variables[`--mantine-color-${name}-text`] = darken(darkest, TEXT_DARKENING);
    variables[`--mantine-color-${name}-light-color`] = darken(darkest, TEXT_DARKENING);
  }
  return variables;
}

export const cssVariablesResolver: CSSVariablesResolver = (theme) => ({
  variables: {},
  light: {
    ...passingTextColours(theme),
    '--mantine-color-dimmed': '#5c636a', // 6.0:1 on white, still quieter than the body text
    '--mantine-color-error': theme.colors.red[9],
    '--mantine-color-anchor': theme.colors[theme.primaryColor][8],
    '--mantine-color-placeholder': theme.colors.gray[6],
  },
  dark: {
    '--mantine-color-dimmed': theme.colors.dark[1], // 7.8:1 on the dark body
    '--mantine-color-error': theme.colors.red[4],
    '--mantine-color-anchor': theme.colors[theme.primaryColor][3],
    '--mantine-color-placeholder': theme.colors.dark[2],
  },
});

// The close buttons of modals, drawers and notifications are an "x" icon: give them a name to say.
const CLOSE = { 'aria-label': 'Close' };

export const theme = createTheme({
  primaryColor: 'indigo',
  // Filled buttons and badges: white on shade 8 or 9 passes 4.5:1 where Mantine's shade 6 does not.
  primaryShade: { light: 8, dark: 8 },
  // Text on a filled colour is black or white, whichever passes: 0.179 is the luminance at which
  // both give the same contrast (Mantine's default 0.3 puts white on green-8, 3.45:1).
  autoContrast: true,
  luminanceThreshold: 0.179,
  defaultRadius: 'md',
  colors: DEFAULT_THEME.colors,
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
    // A badge is a word or two: it keeps its whole text rather than an ellipsis when a table or a
    // row of badges is narrow (its own overflow rule lets it shrink to nothing otherwise).
    Badge: { styles: { root: { minWidth: 'max-content' } } },
    Modal: { defaultProps: { closeButtonProps: CLOSE } },
    Drawer: { defaultProps: { closeButtonProps: CLOSE } },
    Notification: { defaultProps: { closeButtonProps: CLOSE } },
    // Mantine's focus placeholder is a focusable "presentation" div, which a role=menu may not hold
    // (axe: aria-required-children); without it, opening focuses the menu and the arrows reach the items.
    Menu: { defaultProps: { withInitialFocusPlaceholder: false } },
  },
});
