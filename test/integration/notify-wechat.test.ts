// notify: the server endpoint of the WeChat official account — GET signature check (echostr), POST XML
// messages verified the same way, "报修" or the REPAIR menu answered with a link to the H5 repair page.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildTestApp, type TestApp } from '../build-test-app';
import { messageRows } from './notify-support';
import { expectError } from './support';

const TOKEN = 'AircareWechatToken2026';
const PUBLIC = 'https://aircare.example.cn';
const OPENID = 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o';
const ACCOUNT = 'gh_0123456789ab';
let t: TestApp;

beforeAll(async () => {
  // The routes read their configuration when the app is built; the public address is the platform config's.
  vi.stubEnv('WECHAT_TOKEN', TOKEN);
  vi.stubEnv('AIRCARE_HOTLINE', '400-820-1234');
  t = await buildTestApp({ config: { publicUrl: PUBLIC } });
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await t?.close();
});

/** What WeChat computes: sha1 of the sorted token, timestamp and nonce. */
function sign(timestamp: string, nonce: string, token = TOKEN): string {
  return createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest('hex');
}

function signedQuery(extra: Record<string, string> = {}, token = TOKEN): string {
  const timestamp = '1784080800';
  const nonce = '1514711492';
  return new URLSearchParams({ signature: sign(timestamp, nonce, token), timestamp, nonce, ...extra }).toString();
}

/** WeChat posts XML with no cookie, no Origin; our CSRF rule lets it through. */
function push(xml: string, query = signedQuery({ openid: OPENID }), contentType = 'text/xml') {
  return t.aircare.app.inject({
    method: 'POST',
    url: `/api/wechat/callback?${query}`,
    headers: { 'content-type': contentType, 'user-agent': 'Mozilla/4.0' },
    payload: xml,
  });
}

function textMessage(content: string): string {
  return `<xml><ToUserName><![CDATA[${ACCOUNT}]]></ToUserName><FromUserName><![CDATA[${OPENID}]]></FromUserName><CreateTime>1784080800</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${content}]]></Content><MsgId>24602155284583632</MsgId></xml>`;
}

function clickEvent(key: string): string {
  return `<xml><ToUserName><![CDATA[${ACCOUNT}]]></ToUserName><FromUserName><![CDATA[${OPENID}]]></FromUserName><CreateTime>1784080800</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[CLICK]]></Event><EventKey><![CDATA[${key}]]></EventKey></xml>`;
}

const REPAIR_LINK = `${PUBLIC}/repair?channel=wechat`;

describe('GET /api/wechat/callback (server URL check)', () => {
  it('answers echostr as plain text when the signature is right', async () => {
    const res = await t.request({
      method: 'GET',
      url: `/api/wechat/callback?${signedQuery({ echostr: '7218541652478960592' })}`,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).toBe('7218541652478960592');
    expect(String(res.headers['content-type'])).toMatch(/^text\/plain/);
  });

  it('refuses a wrong signature, another token, or a missing parameter', async () => {
    const q = new URLSearchParams(signedQuery({ echostr: 'x1' }));
    q.set('nonce', '999');
    expectError(await t.request({ method: 'GET', url: `/api/wechat/callback?${q}` }), 403, 'FORBIDDEN');
    const other = signedQuery({ echostr: 'x1' }, 'SomeoneElsesToken');
    expectError(await t.request({ method: 'GET', url: `/api/wechat/callback?${other}` }), 403, 'FORBIDDEN');
    const res = await t.request({ method: 'GET', url: '/api/wechat/callback?echostr=x1' });
    expectError(res, 400, 'VALIDATION_FAILED');
  });
});

describe('POST /api/wechat/callback (messages)', () => {
  it('answers "报修" with a passive news reply linking to the H5 repair page', async () => {
    const res = await push(textMessage('你好，我家空调要报修'));
    expect(res.statusCode, res.body).toBe(200);
    expect(String(res.headers['content-type'])).toMatch(/^application\/xml/);
    const xml = res.body;
    expect(xml).toContain(`<ToUserName><![CDATA[${OPENID}]]></ToUserName>`);
    expect(xml).toContain(`<FromUserName><![CDATA[${ACCOUNT}]]></FromUserName>`);
    expect(xml).toContain('<MsgType><![CDATA[news]]></MsgType>');
    expect(xml).toContain('<ArticleCount>1</ArticleCount>');
    expect(xml).toContain(`<Url><![CDATA[${REPAIR_LINK}]]></Url>`);
    expect(xml).toMatch(/<CreateTime>\d+<\/CreateTime>/);
    expect(xml).toContain(`<CreateTime>${Math.floor(t.clock.now().getTime() / 1000)}</CreateTime>`);
    expect(xml).toContain('400-820-1234');
  });

  it('answers 维修 / 修空调 and the REPAIR menu button the same way', async () => {
    for (const body of [textMessage('空调坏了，找人维修'), textMessage('修空调'), clickEvent('REPAIR')]) {
      const res = await push(body);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.body).toContain(`<Url><![CDATA[${REPAIR_LINK}]]></Url>`);
    }
  });

  it('answers other texts with a short help text with the hotline, and other events with "success"', async () => {
    let res = await push(textMessage('你们几点上班？'));
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<MsgType><![CDATA[text]]></MsgType>');
    expect(res.body).toContain('400-820-1234');
    expect(res.body).toContain(REPAIR_LINK);

    res = await push(clickEvent('ABOUT_US'));
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('success');
    expect(String(res.headers['content-type'])).toMatch(/^text\/plain/);

    res = await push(
      `<xml><ToUserName><![CDATA[${ACCOUNT}]]></ToUserName><FromUserName><![CDATA[${OPENID}]]></FromUserName><CreateTime>1784080800</CreateTime><MsgType><![CDATA[image]]></MsgType><PicUrl><![CDATA[http://mmbiz.qpic.cn/x]]></PicUrl><MediaId><![CDATA[m1]]></MediaId><MsgId>1</MsgId></xml>`,
      undefined,
      'application/xml',
    );
    expect(res.body).toBe('success');
  });

  it('never echoes the text of the user back into the reply XML', async () => {
    const res = await push(textMessage('报修 ]]><evil/>'));
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('<evil/>');
  });

  it('refuses a bad signature with 403 and does nothing', async () => {
    const q = new URLSearchParams(signedQuery({ openid: OPENID }));
    q.set('signature', sign('1784080800', '1514711492', 'WrongToken'));
    const before = (await messageRows(t)).length;
    const res = await push(textMessage('报修'), q.toString());
    expectError(res, 403, 'FORBIDDEN');
    expect(res.body).not.toContain('repair');
    expect((await messageRows(t)).length).toBe(before);
  });

  it('refuses malformed XML and DTDs (no XXE), and a JSON body', async () => {
    expectError(await push('<xml><MsgType>text</xml>'), 400, 'VALIDATION_FAILED');
    const xxe = `<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY x SYSTEM "file:///etc/passwd">]><xml><Content>&x;</Content></xml>`;
    expectError(await push(xxe), 400, 'VALIDATION_FAILED');
    const json = await t.aircare.app.inject({
      method: 'POST',
      url: `/api/wechat/callback?${signedQuery()}`,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ MsgType: 'text' }),
    });
    expect(json.statusCode).toBe(400);
  });
});
