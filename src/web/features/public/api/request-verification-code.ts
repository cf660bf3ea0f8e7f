import { requestVerificationCode } from '@shared/contracts/notify.contract';
import { useMutation } from '@tanstack/react-query';
import { call } from '@web/lib/api';

/** Sends a 6-digit SMS code (purpose repair or track); the server limits it per phone and per address. */
export function useRequestVerificationCode() {
  return useMutation({
    mutationFn: (body: { phone: string; purpose: 'repair' | 'track' }) => call(requestVerificationCode, { body }),
  });
}
