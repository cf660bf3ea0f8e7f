// The job kinds of the notify module (augmenting the platform's JobKinds) and their dedupe keys.

declare module '@server/platform/jobs/jobs' {
  interface JobKinds {
    /** Deliver one outbox message: one attempt; a retryable failure schedules the next attempt itself. */
    'notify.send': { messageId: string };
  }
}

export const SEND_JOB = 'notify.send' as const;
/** One pending delivery per message. */
export const sendJobKey = (messageId: string) => `notify.send:${messageId}`;
