import { createHash, createHmac } from 'node:crypto';
import { FailureQueue, type FakeRequest, type FakeServer, startFakeServer } from './server';

/**
 * A stand-in for Tencent Cloud SMS (SendSms, API 2021-01-11). It checks the request the way the API gateway does,
 * written here independently of the adapter: the Authorization header (TC3-HMAC-SHA256, Credential =
 * SecretId/date/service/tc3_request, SignedHeaders, Signature), the date of the scope against X-TC-Timestamp,
 * the signature recomputed from the received request (canonical request from the headers listed in
 * SignedHeaders with lower-case trimmed values and the SHA-256 of the raw body; key derived from "TC3"+SecretKey,
 * date, service, "tc3_request"); then the SendSms JSON. It answers like Tencent: {Response:{SendStatusSet,
 * RequestId}} or {Response:{Error:{Code,Message},RequestId}}.
 */
export interface TencentAccepted {
  phone: string;
  sdkAppId: string;
  signName: string;
  templateId: string;
  params: string[];
  sessionContext: string | undefined;
  serialNo: string;
  region: string;
}

export type TencentFailure = 'internal' | 'daily_limit';

export interface FakeTencentSms extends FakeServer {
  accepted: TencentAccepted[];
  refused: { code: string; message: string }[];
  failures: FailureQueue<TencentFailure>;
}

const hmac = (key: string | Buffer, msg: string) => createHmac('sha256', key).update(msg).digest();
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export async function startFakeTencentSms(opts: {
  secretId: string;
  secretKey: string;
  sdkAppId: string;
  signName: string;
  /** TemplateId → number of template parameters it takes. */
  templates: Record<string, number>;
}): Promise<FakeTencentSms> {
  const accepted: TencentAccepted[] = [];
  const refused: { code: string; message: string }[] = [];
  const failures = new FailureQueue<TencentFailure>();
  let seq = 0;
  const requestId = () => `fake-${(++seq).toString().padStart(6, '0')}`;
  const error = (code: string, message: string) => {
    refused.push({ code, message });
    return { status: 200, body: { Response: { Error: { Code: code, Message: message }, RequestId: requestId() } } };
  };

  const handle = (req: FakeRequest) => {
    if (req.method !== 'POST' || req.url !== '/') return error('InvalidAction', 'POST / only');
    const h = req.headers;
    const auth = String(h.authorization ?? '');
    const m =
      /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d\d-\d\d)\/([a-z]+)\/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(
        auth,
      );
    if (!m) return error('AuthFailure.InvalidAuthorization', 'Authorization header is malformed');
    const [, secretId, date, service, signedHeaders, signature] = m as unknown as string[];
    if (secretId !== opts.secretId) return error('AuthFailure.SecretIdNotFound', 'The SecretId is not found');
    const timestamp = Number(h['x-tc-timestamp']);
    if (!Number.isInteger(timestamp)) return error('MissingParameter', 'X-TC-Timestamp');
    if (new Date(timestamp * 1000).toISOString().slice(0, 10) !== date) {
      return error('AuthFailure.SignatureFailure', 'the credential date does not match X-TC-Timestamp');
    }
    const names = (signedHeaders as string).split(';');
    if (!names.includes('content-type') || !names.includes('host')) {
      return error('AuthFailure.SignatureFailure', 'content-type and host must be signed');
    }
    const canonicalHeaders = names
      .map(
        (n) =>
          `${n}:${String(h[n] ?? '')
            .trim()
            .toLowerCase()}\n`,
      )
      .join('');
    const canonicalRequest = [req.method, '/', '', canonicalHeaders, signedHeaders, sha256(req.body)].join('\n');
    const scope = `${date}/${service}/tc3_request`;
    const stringToSign = ['TC3-HMAC-SHA256', String(timestamp), scope, sha256(canonicalRequest)].join('\n');
    const key = hmac(hmac(hmac(`TC3${opts.secretKey}`, date as string), service as string), 'tc3_request');
    const expected = createHmac('sha256', key).update(stringToSign).digest('hex');
    if (expected !== signature)
      return error('AuthFailure.SignatureFailure', 'The provided credentials could not be validated.');
    if (service !== 'sms') return error('AuthFailure.InvalidAuthorization', `service ${service} is not sms`);

    if (h['x-tc-action'] !== 'SendSms') return error('InvalidAction', `${h['x-tc-action']} is not an action of sms`);
    if (h['x-tc-version'] !== '2021-01-11') return error('InvalidParameter', `version ${h['x-tc-version']}`);
    if (!h['x-tc-region']) return error('MissingParameter', 'X-TC-Region');
    if (!String(h['content-type']).startsWith('application/json'))
      return error('InvalidParameter', 'JSON body expected');
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(req.body);
    } catch {
      return error('InvalidParameter', 'the body is not JSON');
    }
    if (body.SmsSdkAppId !== opts.sdkAppId)
      return error('InvalidParameterValue.SdkAppIdNotExist', 'SdkAppId not found');
    if (body.SignName !== opts.signName) return error('FailedOperation.SignatureIncorrectOrUnapproved', 'signature');
    const templateId = String(body.TemplateId ?? '');
    const count = opts.templates[templateId];
    if (count === undefined) return error('FailedOperation.TemplateIncorrectOrUnapproved', 'template');
    const params = body.TemplateParamSet;
    if (!Array.isArray(params) || params.length !== count || !params.every((x) => typeof x === 'string')) {
      return error(
        'InvalidParameterValue.TemplateParameterFormatError',
        `template ${templateId} takes ${count} string params`,
      );
    }
    const phones = body.PhoneNumberSet;
    if (!Array.isArray(phones) || phones.length !== 1)
      return error('InvalidParameterValue', 'one phone number expected');
    const phone = String(phones[0]);

    const forced = failures.next();
    if (forced === 'internal') return error('InternalError.Timeout', 'request timed out, please retry');
    const status = (code: string, message: string, serialNo = '') => ({
      SerialNo: serialNo,
      PhoneNumber: phone,
      Fee: code === 'Ok' ? 1 : 0,
      SessionContext: body.SessionContext ?? '',
      Code: code,
      Message: message,
      IsoCode: 'CN',
    });
    let set: ReturnType<typeof status>;
    if (forced === 'daily_limit')
      set = status('LimitExceeded.PhoneNumberDailyLimit', 'the daily limit of this number is reached');
    else if (!/^\+861[3-9]\d{9}$/.test(phone)) set = status('InvalidParameterValue.IncorrectPhoneNumber', 'bad number');
    else {
      const serialNo = `2645:${(100000 + accepted.length).toString()}`;
      accepted.push({
        phone,
        sdkAppId: String(body.SmsSdkAppId),
        signName: String(body.SignName),
        templateId,
        params: params as string[],
        sessionContext: typeof body.SessionContext === 'string' ? body.SessionContext : undefined,
        serialNo,
        region: String(h['x-tc-region']),
      });
      set = status('Ok', 'send success', serialNo);
    }
    if (set.Code !== 'Ok') refused.push({ code: set.Code, message: set.Message });
    return { status: 200, body: { Response: { SendStatusSet: [set], RequestId: requestId() } } };
  };

  const server = await startFakeServer(handle);
  return Object.assign(server, { accepted, refused, failures });
}
