// Events the customers module emits (delivered after commit). Declared here, next to their emitter.
declare module '@server/platform/events/events' {
  interface AppEvents {
    /**
     * A customer was anonymised at their request (privacy deletion): modules holding copies of their personal
     * data (order notes, outbox messages) scrub them. Statistics (district, units, orders) stay.
     */
    'customers.customerAnonymised': { customerId: string };
  }
}

export {};
