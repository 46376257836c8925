import { Anchor, Code } from '@mantine/core';

const URL_PATTERN = /(https?:\/\/[^\s<>"]+)/g;

/** A mail's plain text as written, with its links clickable (e.g. a confirmation link). */
export function MailText({ text }: { text: string }) {
  const parts = text.split(URL_PATTERN);
  return (
    <Code block style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
      {parts.map((part, index) =>
        index % 2 === 1 ? (
          <Anchor key={index} href={part} inherit>
            {part}
          </Anchor>
        ) : (
          part
        ),
      )}
    </Code>
  );
}
