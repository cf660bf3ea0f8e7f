import type { Role } from '@shared/domain/roles';
import type { Locale } from '@shared/errors';
import type { Logger } from 'pino';
import type { DataCipher } from './crypto';
import type { Db } from './db/client';
import type { EventBus, EventSink } from './events/events';

/** Who is acting. `null` actor on ctx = the system (timers, seeds). */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  roles: Role[];
  branchId: string | null;
  companyWide: boolean;
  sessionId: string | null;
}

/** Request facts that audit rows and logs need. */
export interface RequestInfo {
  ip: string | null;
  requestId: string | null;
  userAgent: string | null;
  locale: Locale;
}

/** The argument every use case takes first. `db` may be a transaction. */
export interface Ctx {
  db: Db;
  actor: Actor | null;
  now: Date;
  log: Logger;
  events: EventSink;
  /** The bus that delivers events after commit (used by withTransaction). */
  bus: EventBus;
  request: RequestInfo;
  /** Field encryption and blind indexes for personal data. */
  cipher: DataCipher;
  /** True inside withTransaction (nested calls reuse the transaction). */
  inTransaction: boolean;
}

/** A ctx acting as the system (no user): startup, seeds, scripts, tests. */
export function createSystemCtx(deps: {
  db: Db;
  log: Logger;
  bus: EventBus;
  cipher: DataCipher;
  now: Date;
  requestId?: string;
}): Ctx {
  return {
    db: deps.db,
    actor: null,
    now: deps.now,
    log: deps.log,
    events: deps.bus.immediateSink(),
    bus: deps.bus,
    cipher: deps.cipher,
    request: { ip: null, requestId: deps.requestId ?? 'system', userAgent: null, locale: 'zh-CN' },
    inTransaction: false,
  };
}
