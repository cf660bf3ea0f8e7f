import dayjs, { type Dayjs } from 'dayjs';

/** Half-day visit slots (China time): morning 9–12, afternoon 14–18. */
export type HalfDay = 'am' | 'pm';
const SLOTS: Record<HalfDay, [string, string]> = { am: ['09:00', '12:00'], pm: ['14:00', '18:00'] };

/** A picked date and half-day → the window the API takes (ISO with +08:00). */
export function halfDayWindow(date: Dayjs, slot: HalfDay): { start: string; end: string } {
  const day = date.format('YYYY-MM-DD');
  const [from, to] = SLOTS[slot];
  return { start: `${day}T${from}:00+08:00`, end: `${day}T${to}:00+08:00` };
}

/** Days before today, or more than 30 days ahead, cannot be picked. */
export function outsideBookingRange(current: Dayjs): boolean {
  const today = dayjs().startOf('day');
  return current.isBefore(today) || current.isAfter(today.add(30, 'day'));
}

/** A slot that is already over today cannot be picked. */
export function slotOver(date: Dayjs | undefined, slot: HalfDay): boolean {
  if (!date) return false;
  const end = dayjs(halfDayWindow(date, slot).end);
  return end.isBefore(dayjs());
}
