import { createHash, timingSafeEqual } from 'node:crypto';

// The WeChat official account server endpoint (明文模式, plaintext mode): signature check, message XML in and
// passive reply XML out. Pure.

/** signature = hex(sha1(sort([token, timestamp, nonce]).join(''))) — WeChat's rule for every call to our URL. */
export function wechatSignature(token: string, timestamp: string, nonce: string): string {
  return createHash('sha1').update([token, timestamp, nonce].sort().join(''), 'utf8').digest('hex');
}

export function checkWechatSignature(
  token: string | null,
  q: { signature: string; timestamp: string; nonce: string },
): boolean {
  if (!token) return false;
  const expected = Buffer.from(wechatSignature(token, q.timestamp, q.nonce));
  const given = Buffer.from(q.signature.toLowerCase());
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export class WechatXmlError extends Error {
  override readonly name = 'WechatXmlError';
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeText(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_m, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(Number.parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(Number.parseInt(e.slice(1), 10));
    return ENTITIES[e] ?? '';
  });
}

/**
 * The flat <xml><Name>value</Name>…</xml> of a WeChat push (values in CDATA or plain text). Nested elements
 * (e.g. ScanCodeInfo) are kept as their raw inner text. No DTD, no entities beyond the five predefined ones:
 * a DOCTYPE is refused (no XXE).
 */
export function parseWechatXml(xml: string): Record<string, string> {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new WechatXmlError('DTDs are not accepted');
  const root = /^\s*(?:<\?xml[^>]*\?>\s*)?<xml>([\s\S]*)<\/xml>\s*$/.exec(xml);
  if (!root) throw new WechatXmlError('not a WeChat XML message');
  const out: Record<string, string> = {};
  const body = root[1] ?? '';
  // A CDATA value first (one or more sections; it may contain "<" and even "</Name>"), then plain or nested
  // content, then <Empty/>.
  const element =
    /<([A-Za-z_][\w.-]*)>\s*((?:<!\[CDATA\[[\s\S]*?\]\]>\s*)+)<\/\1>|<([A-Za-z_][\w.-]*)>([\s\S]*?)<\/\3>|<([A-Za-z_][\w.-]*)\s*\/>/g;
  for (const m of body.matchAll(element)) {
    if (m[1] !== undefined) {
      out[m[1]] = [...(m[2] ?? '').matchAll(/<!\[CDATA\[([\s\S]*?)\]\]>/g)].map((c) => c[1]).join('');
    } else if (m[3] !== undefined) out[m[3]] = decodeText((m[4] ?? '').trim());
    else if (m[5] !== undefined) out[m[5]] = '';
  }
  if (body.replace(element, '').trim() !== '') throw new WechatXmlError('unexpected content in the message');
  return out;
}

/** Text inside CDATA: a "]]>" in it is split across two sections. */
function cdata(s: string): string {
  return `<![CDATA[${s.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

export interface ReplyEnvelope {
  /** The user's openid (the incoming FromUserName). */
  toUser: string;
  /** The official account (the incoming ToUserName). */
  fromUser: string;
  /** Unix seconds. */
  createTime: number;
}

export function textReplyXml(env: ReplyEnvelope, content: string): string {
  return (
    `<xml><ToUserName>${cdata(env.toUser)}</ToUserName><FromUserName>${cdata(env.fromUser)}</FromUserName>` +
    `<CreateTime>${env.createTime}</CreateTime><MsgType>${cdata('text')}</MsgType>` +
    `<Content>${cdata(content)}</Content></xml>`
  );
}

export interface NewsArticle {
  title: string;
  description: string;
  url: string;
  picUrl?: string;
}

export function newsReplyXml(env: ReplyEnvelope, articles: NewsArticle[]): string {
  const items = articles
    .map(
      (a) =>
        `<item><Title>${cdata(a.title)}</Title><Description>${cdata(a.description)}</Description>` +
        `<PicUrl>${cdata(a.picUrl ?? '')}</PicUrl><Url>${cdata(a.url)}</Url></item>`,
    )
    .join('');
  return (
    `<xml><ToUserName>${cdata(env.toUser)}</ToUserName><FromUserName>${cdata(env.fromUser)}</FromUserName>` +
    `<CreateTime>${env.createTime}</CreateTime><MsgType>${cdata('news')}</MsgType>` +
    `<ArticleCount>${articles.length}</ArticleCount><Articles>${items}</Articles></xml>`
  );
}

/** Words that mean "I want a repair" in a text message. */
const REPAIR_WORDS = /报修|维修|修空调|空调坏|不制冷|不制热/;
/** The menu button whose EventKey opens the repair page. */
export const REPAIR_MENU_KEY = 'REPAIR';

export type WechatIntent = 'repair' | 'help' | 'welcome' | 'none';

/** What the user wants, from a parsed push. */
export function wechatIntent(msg: Record<string, string>): WechatIntent {
  const type = (msg.MsgType ?? '').toLowerCase();
  if (type === 'text') return REPAIR_WORDS.test(msg.Content ?? '') ? 'repair' : 'help';
  if (type === 'event') {
    const event = (msg.Event ?? '').toLowerCase();
    if (event === 'click' && (msg.EventKey ?? '') === REPAIR_MENU_KEY) return 'repair';
    if (event === 'subscribe') return 'welcome';
  }
  return 'none';
}

/** The H5 repair page, with the channel so the order is recorded as coming from WeChat. */
export function repairPageUrl(publicBaseUrl: string): string {
  return `${publicBaseUrl}/repair?channel=wechat`;
}
