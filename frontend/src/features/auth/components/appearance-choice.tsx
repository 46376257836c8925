import { Box, type MantineColorScheme, SegmentedControl, Text, useMantineColorScheme } from '@mantine/core';

const CHOICES: { value: MantineColorScheme; label: string }[] = [
  { value: 'auto', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

function isChoice(value: string): value is MantineColorScheme {
  return CHOICES.some((choice) => choice.value === value);
}

/**
 * The colour scheme of this browser, inside the user menu: the system's until a person picks one
 * (Mantine keeps the pick in localStorage). Three radios in a group, which a menu may hold; menu items
 * cannot say which one is chosen.
 */
export function AppearanceChoice() {
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  return (
    <Box role="group" aria-labelledby="appearance-label" px="sm" py={6}>
      <Text id="appearance-label" size="xs" c="dimmed" fw={500} mb={4}>
        Appearance
      </Text>
      <SegmentedControl
        size="xs"
        fullWidth
        value={colorScheme}
        onChange={(value) => isChoice(value) && setColorScheme(value)}
        data={CHOICES}
      />
    </Box>
  );
}
