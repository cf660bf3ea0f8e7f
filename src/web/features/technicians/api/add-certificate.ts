import { addCertificate } from '@shared/contracts/dispatch.contract';
import type { Body } from '@shared/contracts/endpoint';
import { useMutation } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { useOnDetailSaved } from './detail-mutation';

export type AddCertificateBody = Body<typeof addCertificate>;

export function addCertificateRequest(technicianId: string, body: AddCertificateBody) {
  return call(addCertificate, { params: { technicianId }, body });
}

export function useAddCertificate() {
  const saved = useOnDetailSaved();
  return useMutation({
    mutationFn: ({ technicianId, body }: { technicianId: string; body: AddCertificateBody }) =>
      addCertificateRequest(technicianId, body),
    onSuccess: saved,
  });
}
