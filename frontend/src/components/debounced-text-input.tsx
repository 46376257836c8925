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
  // The value in effect when last rendered, and the last one this field sent: a new value that is
  // not what this field sent came from elsewhere (back button, a link) and replaces what is shown.
  const [shown, setShown] = useState(value);
  const [sent, setSent] = useState(value);
  const commit = useDebouncedCallback((next: string) => {
    setSent(next);
    onCommit(next);
  }, DELAY_MS);

  if (value !== shown) {
    setShown(value);
    if (value !== sent) setText(value);
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
