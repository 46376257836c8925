/** What requiring two-factor authentication did at once: who was signed out for having no authenticator. */
export function signedOutNote(signedOut: number | null | undefined): string {
  if (!signedOut) return '';
  return signedOut === 1
    ? ' 1 person without it was signed out and sets it up at their next sign-in.'
    : ` ${signedOut} people without it were signed out and set it up at their next sign-in.`;
}
