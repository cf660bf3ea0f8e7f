import { setTechnicianSkills } from '@shared/contracts/dispatch.contract';
import type { Body } from '@shared/contracts/endpoint';
import { useMutation } from '@tanstack/react-query';
import { call } from '@web/lib/api';
import { useOnDetailSaved } from './detail-mutation';

export type SetTechnicianSkillsBody = Body<typeof setTechnicianSkills>;

export function setTechnicianSkillsRequest(technicianId: string, body: SetTechnicianSkillsBody) {
  return call(setTechnicianSkills, { params: { technicianId }, body });
}

export function useSetTechnicianSkills() {
  const saved = useOnDetailSaved();
  return useMutation({
    mutationFn: ({ technicianId, body }: { technicianId: string; body: SetTechnicianSkillsBody }) =>
      setTechnicianSkillsRequest(technicianId, body),
    onSuccess: saved,
  });
}
