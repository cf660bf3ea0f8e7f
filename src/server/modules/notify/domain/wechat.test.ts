import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  checkWechatSignature,
  newsReplyXml,
  parseWechatXml,
  textReplyXml,
  WechatXmlError,
  wechatIntent,
  wechatSignature,
} from './wechat';

describe('WeChat signature', () => {
  it('is sha1 of the sorted token, timestamp and nonce', () => {
    const expected = createHash('sha1').update(['1514711492', '1784080800', 'tok'].sort().join('')).digest('hex');
    expect(wechatSignature('tok', '1784080800', '1514711492')).toBe(expected);
    const q = { signature: expected, timestamp: '1784080800', nonce: '1514711492' };
    expect(checkWechatSignature('tok', q)).toBe(true);
    expect(checkWechatSignature('tok', { ...q, signature: expected.toUpperCase() })).toBe(true);
    expect(checkWechatSignature('other', q)).toBe(false);
    expect(checkWechatSignature(null, q)).toBe(false);
    expect(checkWechatSignature('tok', { ...q, signature: 'short' })).toBe(false);
  });
});

describe('WeChat XML', () => {
  it('parses a text message with CDATA and plain values', () => {
    const xml = `<?xml version="1.0"?>
<xml>
  <ToUserName><![CDATA[gh_1]]></ToUserName>
  <FromUserName><![CDATA[oUser123456]]></FromUserName>
  <CreateTime>1348831860</CreateTime>
  <MsgType><![CDATA[text]]></MsgType>
  <Content><![CDATA[报修 <b>&amp; </Content> 后]]></Content>
  <MsgId>1234567890123456</MsgId>
  <Note>a &lt; b &amp; c &#x7A7A;</Note>
  <Empty/>
</xml>`;
    expect(parseWechatXml(xml)).toEqual({
      ToUserName: 'gh_1',
      FromUserName: 'oUser123456',
      CreateTime: '1348831860',
      MsgType: 'text',
      Content: '报修 <b>&amp; </Content> 后',
      MsgId: '1234567890123456',
      Note: 'a < b & c 空',
      Empty: '',
    });
  });

  it('refuses DTDs, other roots and stray content', () => {
    expect(() => parseWechatXml('<!DOCTYPE x [<!ENTITY e "x">]><xml></xml>')).toThrow(WechatXmlError);
    expect(() => parseWechatXml('<root><A>1</A></root>')).toThrow(WechatXmlError);
    expect(() => parseWechatXml('<xml><A>1</A>stray</xml>')).toThrow(WechatXmlError);
    expect(() => parseWechatXml('<xml><A>1</B></xml>')).toThrow(WechatXmlError);
  });

  it('builds replies that survive "]]>" in the content', () => {
    const env = { toUser: 'oUser', fromUser: 'gh_1', createTime: 1 };
    const xml = textReplyXml(env, 'a]]>b');
    expect(xml).toContain('<Content><![CDATA[a]]]]><![CDATA[>b]]></Content>');
    expect(parseWechatXml(xml).Content).toBe('a]]>b');
    const news = newsReplyXml(env, [{ title: 't', description: 'd', url: 'https://x/repair?channel=wechat' }]);
    expect(news).toContain('<ArticleCount>1</ArticleCount>');
    expect(news).toContain('<Url><![CDATA[https://x/repair?channel=wechat]]></Url>');
  });

  it('reads the intent: repair words, the REPAIR menu, subscribe, anything else', () => {
    expect(wechatIntent({ MsgType: 'text', Content: '我要报修' })).toBe('repair');
    expect(wechatIntent({ MsgType: 'text', Content: '空调需要维修' })).toBe('repair');
    expect(wechatIntent({ MsgType: 'text', Content: '能修空调吗' })).toBe('repair');
    expect(wechatIntent({ MsgType: 'text', Content: '你好' })).toBe('help');
    expect(wechatIntent({ MsgType: 'event', Event: 'CLICK', EventKey: 'REPAIR' })).toBe('repair');
    expect(wechatIntent({ MsgType: 'event', Event: 'CLICK', EventKey: 'OTHER' })).toBe('none');
    expect(wechatIntent({ MsgType: 'event', Event: 'subscribe' })).toBe('welcome');
    expect(wechatIntent({ MsgType: 'image' })).toBe('none');
  });
});
