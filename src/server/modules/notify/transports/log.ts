import type { Transport } from './transport';

/**
 * Delivers nothing: the message is marked sent, and the message log (admin) shows it — with the verification code,
 * so a demo works without an SMS provider. The default in embedded mode.
 */
export class LogTransport implements Transport {
  readonly name = 'log';
  async send(): Promise<{ providerMessageId: null }> {
    return { providerMessageId: null };
  }
}

/** In-app messages: the outbox row is the message; delivery is reading it. */
export class InAppTransport implements Transport {
  readonly name = 'inapp';
  async send(): Promise<{ providerMessageId: null }> {
    return { providerMessageId: null };
  }
}
