/**
 * Why the current user went away: they logged out, or a request found the session gone.
 * The auth gate reads it to send them to /login with or without `next` and an "expired" notice.
 * Cleared on login.
 */
export type SessionEndReason = 'logout' | 'expired';

let reason: SessionEndReason | undefined;

export function noteSessionEnded(r: SessionEndReason | undefined): void {
  reason = r;
}

export function sessionEndReason(): SessionEndReason | undefined {
  return reason;
}
