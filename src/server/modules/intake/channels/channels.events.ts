// Events of the public channels, declared next to their emitter.

declare module '@server/platform/events/events' {
  interface AppEvents {
    /** The customer asked for another appointment window on the tracking page (for dispatch to confirm). */
    'intake.customerRequestedNewTime': {
      workOrderId: string;
      branchId: string;
      preferredWindow: { start: string; end: string };
    };
    /** A call rang at (or was answered by) an agent; the screen pop polls, this is for later push channels. */
    'intake.callReceived': { callId: string; event: string; agent: string };
  }
}

export {};
