import type { Actor } from '@server/platform/context';
import type { EventBus } from '@server/platform/events/events';
import type { DispatchStreamEvent } from '@shared/contracts/dispatch.contract';
import type { FastifyReply } from 'fastify';
import './dispatch.events';
import './route-plans.events';

interface Client {
  reply: FastifyReply;
  /** Board clients: the branch watched. Technician clients: null. */
  branchId: string | null;
  /** Technician clients: their user id. */
  technicianId: string | null;
}

const HEARTBEAT_MS = 20_000;

/**
 * Live updates over server-sent events. Committed events of this process (assignments, order status changes,
 * alerts, calendar changes, positions, route plans' progress) are pushed to the dispatch boards of the branch and to the technicians
 * concerned; each message only says what changed — clients refetch what they show. Several API processes: each
 * serves the events of its own writes (see docs/decisions/0007).
 */
export class DispatchStream {
  private readonly clients = new Set<Client>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    bus: EventBus,
    private readonly now: () => Date,
  ) {
    bus.on('dispatch.assignmentChanged', (p) => {
      this.publish(
        { type: 'assignment', branchId: p.branchId, workOrderId: p.workOrderId, technicianId: p.technicianId },
        [p.technicianId, p.previousTechnicianId],
      );
    });
    bus.on('intake.workOrderStatusChanged', (p) => {
      this.publish({ type: 'work_order', branchId: p.branchId, workOrderId: p.workOrderId, technicianId: null }, []);
    });
    bus.on('intake.alertRaised', (p) => {
      this.publish({ type: 'alert', branchId: p.branchId, workOrderId: p.workOrderId, technicianId: null }, []);
    });
    bus.on('dispatch.positionReported', (p) => {
      this.publish({ type: 'position', branchId: p.branchId, workOrderId: null, technicianId: p.technicianId }, []);
    });
    bus.on('dispatch.calendarChanged', (p) => {
      this.publish({ type: 'calendar', branchId: p.branchId, workOrderId: null, technicianId: p.technicianId }, [
        p.technicianId,
      ]);
    });
    bus.on('dispatch.planChanged', (p) => {
      this.publish(
        {
          type: 'plan',
          branchId: p.branchId,
          workOrderId: null,
          technicianId: null,
          plan: { id: p.planId, date: p.day, status: p.status, progress: p.progress },
        },
        [],
      );
    });
    this.timer = setInterval(() => this.heartbeat(), HEARTBEAT_MS);
    this.timer.unref();
  }

  get size(): number {
    return this.clients.size;
  }

  /** Takes over the response: SSE headers, a first comment, and the client is registered until it goes away. */
  open(reply: FastifyReply, who: { branchId: string | null; technicianId: string | null }): void {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      'x-content-type-options': 'nosniff',
    });
    res.write(`retry: 3000\n: connected ${this.now().toISOString()}\n\n`);
    const client: Client = { reply, ...who };
    this.clients.add(client);
    const drop = () => this.clients.delete(client);
    res.on('close', drop);
    res.on('error', drop);
  }

  closeAll(): void {
    clearInterval(this.timer);
    for (const c of this.clients) c.reply.raw.end();
    this.clients.clear();
  }

  private heartbeat(): void {
    for (const c of this.clients) c.reply.raw.write(`: ping\n\n`);
  }

  private publish(event: Omit<DispatchStreamEvent, 'at'>, technicianIds: (string | null)[]): void {
    const data = `data: ${JSON.stringify({ ...event, at: this.now().toISOString() })}\n\n`;
    for (const c of this.clients) {
      const forBoard = c.technicianId === null && (c.branchId === null || c.branchId === event.branchId);
      const forTech = c.technicianId !== null && technicianIds.includes(c.technicianId);
      if (forBoard || forTech) c.reply.raw.write(data);
    }
  }
}

/** Which branch a board stream watches: one's own, or (company-wide roles) the one asked for, or all. */
export function streamBranch(actor: Actor, asked: string | undefined): string | null {
  if (actor.companyWide) return asked ?? null;
  return actor.branchId;
}
