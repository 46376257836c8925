/**
 * Whether this browser already has a session, asked without the API client's 401 handling: on the
 * sign-in page "no session" is the expected answer, not a session that has just ended.
 */
export async function hasSession(): Promise<boolean> {
  try {
    const answer = await fetch('/api/v1/me', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    return answer.ok;
  } catch {
    return false;
  }
}
