import type { Query } from '@shared/contracts/endpoint';
import { exportWorkOrders } from '@shared/contracts/intake.contract';
import { useMutation } from '@tanstack/react-query';
import { callFile } from '@web/lib/api';
import { saveBlob } from '@web/lib/download';

export type ExportWorkOrdersQuery = Query<typeof exportWorkOrders>;

export function exportWorkOrdersRequest(query: ExportWorkOrdersQuery) {
  return callFile(exportWorkOrders, { query });
}

/** Download the filtered list as .xlsx (the browser saves it under the server's file name). */
export function useExportWorkOrders() {
  return useMutation({
    mutationFn: async (query: ExportWorkOrdersQuery) => {
      const { blob, filename } = await exportWorkOrdersRequest(query);
      saveBlob(blob, filename ?? 'work-orders.xlsx');
    },
  });
}
