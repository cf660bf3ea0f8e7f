import type { Body, Params } from '@shared/contracts/endpoint';
import { uploadSupplierContractFile } from '@shared/contracts/purchasing.contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { purchasingKeys } from './purchasing-keys';

export type UploadSupplierContractFileBody = Body<typeof uploadSupplierContractFile>;
export type UploadSupplierContractFileParams = Params<typeof uploadSupplierContractFile>;

export function uploadSupplierContractFileRequest(
  params: UploadSupplierContractFileParams,
  body: UploadSupplierContractFileBody,
) {
  return call(uploadSupplierContractFile, { params, body });
}

export function useUploadSupplierContractFile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      params,
      body,
    }: {
      params: UploadSupplierContractFileParams;
      body: UploadSupplierContractFileBody;
    }) => uploadSupplierContractFileRequest(params, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: purchasingKeys.all });
    },
  });
}
