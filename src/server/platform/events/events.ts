import type { Logger } from 'pino';

/**
 * Typed in-process events. Modules add their events by augmenting this interface:
 *   declare module '@server/platform/events/events' { interface AppEvents { 'intake.orderCreated': {...} } }
 * Events emitted inside a transaction are delivered only after it commits, never on rollback.
 * Reactions that must survive a crash are written as jobs in the same transaction instead.
 */
// biome-ignore lint/suspicious/noEmptyInterface: augmented by modules
export interface AppEvents {
  'identity.userDisabled': { userId: string };
  'identity.settingChanged': { key: string; branchId: string | null };
}

export type EventName = keyof AppEvents;
export interface AppEvent<N extends EventName = EventName> {
  name: N;
  payload: AppEvents[N];
}
export type EventHandler<N extends EventName> = (payload: AppEvents[N]) => Promise<void> | void;

/** What a use case sees: `ctx.events.emit(...)`. */
export interface EventSink {
  emit<N extends EventName>(name: N, payload: AppEvents[N]): void;
}

export class EventBus {
  private readonly handlers = new Map<EventName, EventHandler<EventName>[]>();
  constructor(private readonly log: Logger) {}

  on<N extends EventName>(name: N, handler: EventHandler<N>): () => void {
    const list = this.handlers.get(name) ?? [];
    list.push(handler as EventHandler<EventName>);
    this.handlers.set(name, list);
    return () => {
      const l = this.handlers.get(name);
      if (l)
        this.handlers.set(
          name,
          l.filter((h) => h !== handler),
        );
    };
  }

  /** Delivers committed events in order; a failing handler is logged and does not stop the others. */
  async deliver(events: readonly AppEvent[]): Promise<void> {
    for (const event of events) {
      for (const handler of this.handlers.get(event.name) ?? []) {
        try {
          await handler(event.payload);
        } catch (err) {
          this.log.error({ err, event: event.name }, 'event handler failed');
        }
      }
    }
  }

  /** A sink that delivers at once (used outside transactions). */
  immediateSink(): EventSink {
    return {
      emit: (name, payload) => {
        void this.deliver([{ name, payload } as AppEvent]);
      },
    };
  }
}

/** Collects events during a transaction; the transaction helper delivers them after commit. */
export class BufferedSink implements EventSink {
  readonly pending: AppEvent[] = [];
  emit<N extends EventName>(name: N, payload: AppEvents[N]): void {
    this.pending.push({ name, payload } as unknown as AppEvent);
  }
}
