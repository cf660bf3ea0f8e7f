import { createHmac } from 'node:crypto';
import { FailureQueue, type FakeRequest, type FakeServer, startFakeServer } from './server';

/**
 * A stand-in for Aliyun SMS (dysmsapi, SendSms 2017-05-25, RPC style). It checks the request the way Aliyun does,
 * written here independently of the adapter: the common parameters, a known AccessKeyId, the HMAC-SHA1 signature
 * recomputed from the received query (RFC 3986 encoding of each name and value, sorted, StringToSign
 * "GET&%2F&" + encode(canonical), key = secret + "&"), a nonce never used before; then the SendSms parameters.
 * It answers like Aliyun: {Code:"OK", BizId, RequestId} or an error code.
 */
export interface AliyunAccepted {
  phone: string;
  signName: string;
  templateCode: string;
  templateParam: Record<string, string>;
  outId: string | undefined;
  bizId: string;
}

export type AliyunFailure = 'throttled' | 'unavailable' | 'no_balance';

export interface FakeAliyunSms extends FakeServer {
  accepted: AliyunAccepted[];
  /** Requests refused, with the code answered. */
  refused: { code: string; message: string }[];
  failures: FailureQueue<AliyunFailure>;
}

/** RFC 3986 unreserved characters stay; every other UTF-8 byte becomes %XY. */
function rfc3986(s: string): string {
  let out = '';
  for (const byte of Buffer.from(s, 'utf8')) {
    const ch = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function parseQuery(url: string): Map<string, string> {
  const q = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
  const out = new Map<string, string>();
  for (const pair of q.split('&')) {
    if (!pair) continue;
    const i = pair.indexOf('=');
    const k = decodeURIComponent(i < 0 ? pair : pair.slice(0, i));
    const v = i < 0 ? '' : decodeURIComponent(pair.slice(i + 1));
    out.set(k, v);
  }
  return out;
}

export async function startFakeAliyunSms(opts: {
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  templateCodes: string[];
}): Promise<FakeAliyunSms> {
  const accepted: AliyunAccepted[] = [];
  const refused: { code: string; message: string }[] = [];
  const failures = new FailureQueue<AliyunFailure>();
  const nonces = new Set<string>();
  let seq = 0;
  const requestId = () => `FAKE-${(++seq).toString().padStart(6, '0')}`;
  const refuse = (status: number, code: string, message: string) => {
    refused.push({ code, message });
    return { status, body: { RequestId: requestId(), Code: code, Message: message } };
  };

  const handle = (req: FakeRequest) => {
    if (req.method !== 'GET' || !req.url.startsWith('/?')) return refuse(404, 'InvalidAction.NotFound', 'bad path');
    const p = parseQuery(req.url);
    const need = [
      'AccessKeyId',
      'Action',
      'Format',
      'SignatureMethod',
      'SignatureNonce',
      'SignatureVersion',
      'Timestamp',
      'Version',
      'Signature',
    ];
    for (const n of need) if (!p.get(n)) return refuse(400, 'MissingParameter', `${n} is mandatory`);
    if (p.get('AccessKeyId') !== opts.accessKeyId) {
      return refuse(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
    }
    if (p.get('SignatureMethod') !== 'HMAC-SHA1' || p.get('SignatureVersion') !== '1.0') {
      return refuse(400, 'InvalidParameter', 'unsupported signature method or version');
    }
    if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(p.get('Timestamp') ?? '')) {
      return refuse(400, 'InvalidTimeStamp.Format', 'Specified time stamp or date value is not well formatted.');
    }
    const canonical = [...p.keys()]
      .filter((k) => k !== 'Signature')
      .sort()
      .map((k) => `${rfc3986(k)}=${rfc3986(p.get(k) as string)}`)
      .join('&');
    const stringToSign = `GET&${rfc3986('/')}&${rfc3986(canonical)}`;
    const expected = createHmac('sha1', `${opts.accessKeySecret}&`).update(stringToSign).digest('base64');
    if (expected !== p.get('Signature')) {
      return refuse(
        400,
        'SignatureDoesNotMatch',
        `Specified signature is not matched with our calculation. server string to sign is:${stringToSign}`,
      );
    }
    const nonce = p.get('SignatureNonce') as string;
    if (nonces.has(nonce)) return refuse(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.');
    nonces.add(nonce);

    if (p.get('Action') !== 'SendSms' || p.get('Version') !== '2017-05-25') {
      return refuse(400, 'InvalidAction.NotFound', 'Specified api is not found.');
    }
    const forced = failures.next();
    if (forced === 'unavailable')
      return refuse(503, 'ServiceUnavailable', 'The request has failed due to a temporary failure of the server.');
    if (forced === 'throttled') return refuse(200, 'isv.BUSINESS_LIMIT_CONTROL', '触发分钟级流控Permits:1');
    if (forced === 'no_balance') return refuse(200, 'isv.AMOUNT_NOT_ENOUGH', '账户余额不足');

    const phone = p.get('PhoneNumbers') ?? '';
    if (!/^1[3-9]\d{9}$/.test(phone)) return refuse(200, 'isv.MOBILE_NUMBER_ILLEGAL', '非法手机号');
    if (p.get('SignName') !== opts.signName) return refuse(200, 'isv.SMS_SIGNATURE_ILLEGAL', '该账号下找不到对应签名');
    const templateCode = p.get('TemplateCode') ?? '';
    if (!opts.templateCodes.includes(templateCode))
      return refuse(200, 'isv.SMS_TEMPLATE_ILLEGAL', '该账号下找不到对应模板');
    let templateParam: Record<string, string>;
    try {
      templateParam = JSON.parse(p.get('TemplateParam') ?? '');
      if (!templateParam || typeof templateParam !== 'object' || Array.isArray(templateParam)) throw new Error();
      if (!Object.values(templateParam).every((v) => typeof v === 'string')) throw new Error();
    } catch {
      return refuse(200, 'isv.INVALID_JSON_PARAM', 'JSON参数不合法，只接受字符串值');
    }
    const bizId = `${900000 + accepted.length}^0`;
    accepted.push({
      phone,
      signName: p.get('SignName') as string,
      templateCode,
      templateParam,
      outId: p.get('OutId'),
      bizId,
    });
    return { status: 200, body: { Message: 'OK', RequestId: requestId(), Code: 'OK', BizId: bizId } };
  };

  const server = await startFakeServer(handle);
  return Object.assign(server, { accepted, refused, failures });
}
