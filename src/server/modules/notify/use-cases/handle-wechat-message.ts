import type { Ctx } from '@server/platform/context';
import { AppError } from '@server/platform/errors';
import {
  checkWechatSignature,
  newsReplyXml,
  parseWechatXml,
  repairPageUrl,
  textReplyXml,
  WechatXmlError,
  wechatIntent,
} from '../domain/wechat';
import type { NotifyConfig } from '../notify.config';

export interface SignedQuery {
  signature: string;
  timestamp: string;
  nonce: string;
}

/** A call not signed with our token: refused before anything else is looked at. */
function refuse(): AppError {
  return new AppError('FORBIDDEN', { reason: 'bad_signature' });
}

/** GET: WeChat checks our server URL; the answer is echostr itself (text/plain). */
export function verifyWechatServer(config: NotifyConfig, query: SignedQuery & { echostr: string }): string {
  if (!checkWechatSignature(config.wechat.token, query)) throw refuse();
  return query.echostr;
}

export type WechatReply = { type: 'xml'; body: string } | { type: 'text'; body: 'success' };

/**
 * POST: a message or event pushed by WeChat. "报修" (or 维修 / 修空调 …) or the menu button REPAIR → a news
 * reply linking to the H5 repair page (channel wechat); subscribing → a welcome text; any other text → a short
 * help text with the hotline; everything else → "success" (WeChat's "no reply").
 */
export function handleWechatMessage(ctx: Ctx, config: NotifyConfig, query: SignedQuery, xml: string): WechatReply {
  if (!checkWechatSignature(config.wechat.token, query)) throw refuse();
  let msg: Record<string, string>;
  try {
    msg = parseWechatXml(xml);
  } catch (err) {
    if (err instanceof WechatXmlError) throw AppError.field('', 'invalid_xml', err.message);
    throw err;
  }
  const intent = wechatIntent(msg);
  if (intent === 'none' || !msg.FromUserName || !msg.ToUserName) return { type: 'text', body: 'success' };
  const env = { toUser: msg.FromUserName, fromUser: msg.ToUserName, createTime: Math.floor(ctx.now.getTime() / 1000) };
  const url = repairPageUrl(config.publicBaseUrl);
  const hotline = config.hotline;
  ctx.log.info({ wechatIntent: intent, msgType: msg.MsgType }, 'wechat message');
  switch (intent) {
    case 'repair':
      return {
        type: 'xml',
        body: newsReplyXml(env, [
          {
            title: '在线报修 | Aircare空调售后',
            description: `点击填写报修信息，提交后即可查看进度。也可拨打24小时客服热线 ${hotline}。`,
            url,
          },
        ]),
      };
    case 'welcome':
      return {
        type: 'xml',
        body: textReplyXml(
          env,
          `感谢关注Aircare空调售后！空调有问题？<a href="${url}">点击在线报修</a>，或拨打24小时客服热线 ${hotline}。`,
        ),
      };
    case 'help':
      return {
        type: 'xml',
        body: textReplyXml(
          env,
          `您好！回复“报修”或<a href="${url}">点击这里</a>在线报修；查询进度请使用短信中的链接。24小时客服热线：${hotline}。`,
        ),
      };
  }
}
