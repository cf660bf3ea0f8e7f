import type { MessageChannel } from '@shared/contracts/notify.contract';
import type { NotifyConfig } from '../notify.config';
import { AliyunSmsTransport } from './aliyun-sms';
import { InAppTransport, LogTransport } from './log';
import { TencentSmsTransport } from './tencent-sms';
import type { Transport } from './transport';
import { WechatTemplateTransport } from './wechat-template';

export type Transports = Record<MessageChannel, Transport>;

/** One transport per channel, from the configuration. */
export function createTransports(config: NotifyConfig): Transports {
  const log = new LogTransport();
  const sms =
    config.sms.transport === 'aliyun'
      ? new AliyunSmsTransport(config.sms.aliyun, config.httpTimeoutMs)
      : config.sms.transport === 'tencent'
        ? new TencentSmsTransport(config.sms.tencent, config.httpTimeoutMs)
        : log;
  const wechat =
    config.wechat.transport.name === 'wechat'
      ? new WechatTemplateTransport(config.wechat.transport.api, config.httpTimeoutMs)
      : log;
  return { sms, wechat, inapp: new InAppTransport() };
}
