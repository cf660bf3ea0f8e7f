import { updateCertificate } from '@shared/contracts/dispatch.contract';
import type { Body } from '@shared/contracts/endpoint';
import { useMutation } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { useOnDetailSaved } from './detail-mutation';

export type UpdateCertificateBody = Body<typeof updateCertificate>;

export function updateCertificateRequest(technicianId: string, certificateId: string, body: UpdateCertificateBody) {
  return call(updateCertificate, { params: { technicianId, certificateId }, body });
}

export function useUpdateCertificate() {
  const saved = useOnDetailSaved();
  return useMutation({
    mutationFn: (v: { technicianId: string; certificateId: string; body: UpdateCertificateBody }) =>
      updateCertificateRequest(v.technicianId, v.certificateId, v.body),
    onSuccess: saved,
  });
}
