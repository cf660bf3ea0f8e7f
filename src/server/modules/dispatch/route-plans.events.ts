// Events of route planning (dispatch module), declared next to their emitter (use-cases/route-plans/).
import '@server/platform/events/events';
import type { RoutePlanProgress } from '@shared/contracts/dispatch.contract';

declare module '@server/platform/events/events' {
  interface AppEvents {
    /**
     * A route plan started, made progress (about every half second while it runs), became ready, failed, was
     * applied, discarded or found stale: the dispatch boards of the branch show it (stream event `plan`).
     */
    'dispatch.planChanged': {
      planId: string;
      branchId: string;
      day: string;
      status: 'running' | 'ready' | 'failed' | 'applied' | 'discarded' | 'stale';
      progress: RoutePlanProgress | null;
    };
  }
}
