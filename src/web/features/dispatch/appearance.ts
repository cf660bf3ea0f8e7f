import type { BoardAppointment } from '@shared/contracts/dispatch.contract';

/** The colour family of an appointment block on the board, from its assignment state and order status. */
export type BlockKind = 'assigned' | 'accepted' | 'working' | 'done' | 'other';

export function blockKind(a: Pick<BoardAppointment, 'state' | 'workOrderStatus'>): BlockKind {
  switch (a.workOrderStatus) {
    case 'en_route':
    case 'on_site':
    case 'diagnosed':
    case 'in_repair':
    case 'waiting_parts':
      return 'working';
    case 'completed':
    case 'settled':
    case 'closed':
      return 'done';
    default:
      break;
  }
  if (a.state === 'accepted') return 'accepted';
  if (a.state === 'assigned') return 'assigned';
  return 'other';
}

export const BLOCK_COLORS: Record<BlockKind, { bg: string; border: string; text: string }> = {
  assigned: { bg: '#e6f4ff', border: '#69b1ff', text: '#003eb3' },
  accepted: { bg: '#d6e4ff', border: '#2f54eb', text: '#10239e' },
  working: { bg: '#efdbff', border: '#9254de', text: '#391085' },
  done: { bg: '#d9f7be', border: '#73d13d', text: '#135200' },
  other: { bg: '#f5f5f5', border: '#bfbfbf', text: '#595959' },
};

export const LATE_COLOR = '#f5222d';
