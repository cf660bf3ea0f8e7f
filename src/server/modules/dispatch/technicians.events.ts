// Events of the technicians part of the dispatch module, declared next to their emitter.

declare module '@server/platform/events/events' {
  interface AppEvents {
    /**
     * A technician's working time changed on a local day of their branch (leave / day off / extra shift approved or
     * recorded; on a shift-pattern or active change, `day` is today): the live board refreshes that row.
     */
    'dispatch.calendarChanged': { technicianId: string; branchId: string; day: string };
  }
}

export {};
