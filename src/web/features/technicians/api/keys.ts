/** Query keys of the technicians feature: lists, details, alerts and availability live under ['technicians']. */
export const techniciansKeys = {
  all: ['technicians'] as const,
  lists: () => ['technicians', 'list'] as const,
  detail: (technicianId: string) => ['technicians', 'detail', technicianId] as const,
  alerts: () => ['technicians', 'alerts'] as const,
  availability: () => ['technicians', 'availability'] as const,
  myAvailability: () => ['technicians', 'my-availability'] as const,
};
