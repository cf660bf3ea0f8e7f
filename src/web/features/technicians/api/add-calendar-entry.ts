import { addCalendarEntry } from '@shared/contracts/dispatch.contract';
import type { Body } from '@shared/contracts/endpoint';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { onDetailSaved } from './detail-mutation';
import { techniciansKeys } from './keys';

export type AddCalendarEntryBody = Body<typeof addCalendarEntry>;

export function addCalendarEntryRequest(technicianId: string, body: AddCalendarEntryBody) {
  return call(addCalendarEntry, { params: { technicianId }, body });
}

/** The head records leave / a day off / an extra shift (approved at once); the reply names conflicting orders. */
export function useAddCalendarEntry() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ technicianId, body }: { technicianId: string; body: AddCalendarEntryBody }) =>
      addCalendarEntryRequest(technicianId, body),
    onSuccess: (res) => {
      const { conflictingAppointments: _c, ...detail } = res;
      onDetailSaved(queryClient, detail);
      void queryClient.invalidateQueries({ queryKey: techniciansKeys.availability() });
    },
  });
}
