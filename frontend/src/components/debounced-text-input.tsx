import { TextInput, type TextInputProps } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useState } from 'react';

const DELAY_MS = 300;

type DebouncedTextInputProps = Omit<TextInputProps, 'value' | 'onChange'> & {
  /** The value in effect (e.g. from the address bar). */
  value: string;
  /** Called once typing has paused, not on every key. */
  onCommit: (value: string) => void;
};

/** A filter field that asks the server only when the user pauses typing. */
export function DebouncedTextInput({ value, onCommit, ...props }: DebouncedTextInputProps) {
  const [text, setText] = useState(value);
  const [committed, setCommitted] = useState(value);
  const commit = useDebouncedCallback((next: string) => {
    setCommitted(next);
    onCommit(next);
  }, DELAY_MS);

  // The value changed from elsewhere (back button, a link): show it instead of what was typed.
  if (value !== committed) {
    setCommitted(value);
    setText(value);
  }

  return (
    <TextInput
      {...props}
      value={text}
      onChange={(event) => {
        setText(event.currentTarget.value);
        commit(event.currentTarget.value);
      }}
    />
  );
}
