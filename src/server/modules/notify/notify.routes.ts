import { bindEndpoint, type HttpDeps } from '@server/platform/http/server';
import * as c from '@shared/contracts/notify.contract';
import type { FastifyInstance } from 'fastify';
import { loadNotifyConfig, type NotifyConfig } from './notify.config';
import { handleWechatMessage, verifyWechatServer } from './use-cases/handle-wechat-message';
import { listMessages } from './use-cases/list-messages';
import { requestVerificationCode } from './use-cases/request-verification-code';

/**
 * The notify endpoints. The WeChat callback lives in its own plugin scope, where text/xml and application/xml
 * bodies are read as strings; its answers are XML or plain text, sent as strings with their content type (Fastify
 * sends a string with a non-JSON content type as is, without the JSON serializer).
 */
export function registerNotifyRoutes(
  app: FastifyInstance,
  deps: HttpDeps,
  config: NotifyConfig = loadNotifyConfig(process.env),
): void {
  bindEndpoint(app, deps, c.listMessages, async ({ ctx, query }) =>
    listMessages(ctx, { ...query, logShowsCodes: config.logShowsCodes }),
  );

  bindEndpoint(app, deps, c.requestVerificationCode, async ({ ctx, body }) => {
    const { expiresAt } = await requestVerificationCode(ctx, { ...body, ip: ctx.request.ip });
    return { expiresAt: expiresAt.toISOString() };
  });

  app.register(async (scope) => {
    scope.addContentTypeParser(['text/xml', 'application/xml'], { parseAs: 'string' }, (_req, body, done) => {
      done(null, body);
    });
    bindEndpoint(scope, deps, c.wechatVerify, async ({ query, reply }) => {
      const echo = verifyWechatServer(config, query);
      reply.type('text/plain; charset=utf-8');
      return echo;
    });
    bindEndpoint(scope, deps, c.wechatCallback, async ({ ctx, query, body, reply }) => {
      const answer = handleWechatMessage(ctx, config, query, body);
      reply.type(answer.type === 'xml' ? 'application/xml; charset=utf-8' : 'text/plain; charset=utf-8');
      return answer.body;
    });
  });
}
