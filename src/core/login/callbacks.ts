// Test Login's temporary callback: the application's Allowed Callback URLs with the loopback
// redirect URI added for one login, and without it afterwards. A PATCH of `callbacks` replaces the
// whole list, so each change is computed from a list read just before it, and never from a list
// that could not be read: an application must never be left with fewer callbacks than it had.

/** The list to PATCH to add `uri`, or undefined when nothing must change; throws when `read` is not a list. */
export function callbacksWith(read: unknown, uri: string): string[] | undefined {
  const current = requireList(read);
  return current.includes(uri) ? undefined : [...current, uri];
}

/**
 * The list to PATCH to remove `uri` again, or undefined when nothing must (or may) change: `uri` is
 * already gone, or removing it would empty a list that was not empty before the login (someone
 * removed the others meanwhile; an empty list locks every login out, so the URI stays and the
 * person is told). Throws when `read` is not a list.
 */
export function callbacksWithout(read: unknown, uri: string, before: readonly string[]): string[] | undefined {
  const current = requireList(read);
  if (!current.includes(uri)) return undefined;
  const next = current.filter((c) => c !== uri);
  if (next.length === 0 && before.length > 0) return undefined;
  return next;
}

export class CallbacksUnreadableError extends Error {
  constructor() {
    super("The application's callbacks could not be read, so they are left unchanged.");
  }
}

function requireList(read: unknown): string[] {
  if (!Array.isArray(read) || !read.every((c) => typeof c === 'string')) throw new CallbacksUnreadableError();
  return read;
}
