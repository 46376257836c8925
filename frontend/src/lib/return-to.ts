/**
 * Where to go after signing in: a page of this console the person asked for, never anywhere else.
 *
 * Only a path on this origin is kept (`/accounts/x?tab=y`). Absolute URLs, scheme-relative ones
 * (`//evil.example`), backslash tricks (`/\evil.example`), other schemes and the sign-in pages
 * themselves fall back to the overview: the `next` parameter cannot be an open redirect.
 */
export function safeReturnTo(value: string | null | undefined): string | null {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return null;
  let url: URL;
  try {
    url = new URL(value, window.location.origin);
  } catch {
    return null;
  }
  if (url.origin !== window.location.origin) return null;
  if (url.pathname === '/sign-in' || url.pathname.startsWith('/sign-in/')) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The sign-in page that brings the person back here afterwards. */
export function signInReturningTo(pathname: string, search: string): string {
  const here = safeReturnTo(`${pathname}${search}`);
  return here && here !== '/' ? `/sign-in?next=${encodeURIComponent(here)}` : '/sign-in';
}
