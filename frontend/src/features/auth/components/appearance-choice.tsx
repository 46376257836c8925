import { Box, CheckIcon, type MantineColorScheme, Menu, UnstyledButton, useMantineColorScheme } from '@mantine/core';

import classes from './appearance-choice.module.css';

const CHOICES: { value: MantineColorScheme; label: string }[] = [
  { value: 'auto', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

const LABEL_ID = 'appearance-label';

/**
 * The colour scheme of this browser, inside the user menu: the system's until a person picks one
 * (Mantine keeps the pick in localStorage). A group of three `menuitemradio` items, the kind a menu may
 * hold that says which is chosen (Mantine's items are always plain `menuitem`s); `data-menu-item` lets
 * the menu's arrow keys reach them, and the menu stays open so the change is seen at once.
 */
export function AppearanceChoice() {
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  return (
    <div role="group" aria-labelledby={LABEL_ID}>
      <Menu.Label id={LABEL_ID}>Appearance</Menu.Label>
      {CHOICES.map((choice) => {
        const chosen = colorScheme === choice.value;
        return (
          <UnstyledButton
            key={choice.value}
            role="menuitemradio"
            aria-checked={chosen}
            data-menu-item
            tabIndex={-1}
            className={classes.item}
            onClick={() => setColorScheme(choice.value)}
          >
            {chosen ? <CheckIcon size={10} /> : <Box w={10} />}
            {choice.label}
          </UnstyledButton>
        );
      })}
    </div>
  );
}
