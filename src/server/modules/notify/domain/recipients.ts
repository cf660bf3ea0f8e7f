import type { MessageChannel } from '@shared/contracts/notify.contract';
import { maskPhone, parsePhone } from '@shared/domain/phone';

export class RecipientError extends Error {
  override readonly name = 'RecipientError';
}

/**
 * The recipient of a channel, normalised, and its masked copy for lists:
 * sms → a mainland mobile (138****1234); wechat → an openid (oAbC…xYz9); inapp → a user id (uuid, first 8).
 */
export function normaliseRecipient(channel: MessageChannel, recipient: string): { value: string; masked: string } {
  const raw = recipient.trim();
  switch (channel) {
    case 'sms': {
      const phone = parsePhone(raw);
      if (phone?.kind !== 'mobile') throw new RecipientError('an SMS needs a mainland mobile number');
      return { value: phone.normalised, masked: maskPhone(phone.normalised) };
    }
    case 'wechat': {
      if (!/^[A-Za-z0-9_-]{10,64}$/.test(raw)) throw new RecipientError('a WeChat message needs an openid');
      return { value: raw, masked: `${raw.slice(0, 4)}…${raw.slice(-4)}` };
    }
    case 'inapp': {
      if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(raw)) {
        throw new RecipientError('an in-app message needs a user id');
      }
      return { value: raw.toLowerCase(), masked: `user:${raw.slice(0, 8)}` };
    }
  }
}
