import { permanent, retryable } from './transport';

export interface HttpAnswer {
  status: number;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
}

/**
 * One HTTP call to a provider with a timeout. A network failure or a timeout is retryable; the caller reads the
 * status and the body (providers answer errors in the body, often with 200).
 */
export async function callProvider(
  provider: string,
  url: string,
  init: { method: 'GET' | 'POST'; headers?: Record<string, string>; body?: string; timeoutMs: number },
): Promise<HttpAnswer> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: init.method,
      headers: init.headers,
      body: init.body,
      signal: AbortSignal.timeout(init.timeoutMs),
      redirect: 'error',
    });
  } catch (err) {
    const e = err as Error;
    const what = e.name === 'TimeoutError' ? `timed out after ${init.timeoutMs} ms` : `unreachable (${e.message})`;
    throw retryable(`${provider}: ${what}`);
  }
  let text: string;
  try {
    text = await res.text();
  } catch (err) {
    throw retryable(`${provider}: reading the answer failed (${(err as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json };
}

/** 5xx and 429 are worth another try; other HTTP errors are not (unless the provider's code says so). */
export function httpStatusRetryable(status: number): boolean {
  return status >= 500 || status === 429 || status === 408;
}

/** Gives up with a permanent error unless the answer is JSON. */
export function requireJson(provider: string, answer: HttpAnswer): Record<string, unknown> {
  if (answer.json && typeof answer.json === 'object') return answer.json as Record<string, unknown>;
  const msg = `${provider}: HTTP ${answer.status}, not JSON: ${answer.text.slice(0, 200)}`;
  throw httpStatusRetryable(answer.status) ? retryable(msg) : permanent(msg);
}
