import type { JobRunner } from '@server/platform/jobs/jobs';
import type { NotifyConfig } from './notify.config';
import { SEND_JOB } from './notify.job-kinds';
import { createTransports, type Transports } from './transports';
import { sendMessage } from './use-cases/send-message';

/**
 * Registers the sender on the timers worker. Registering again replaces the handler (tests point the transports
 * at local fake servers this way). Returns the transports in use.
 */
export function registerNotifyJobs(jobs: JobRunner, config: NotifyConfig, transports?: Transports): Transports {
  const t = transports ?? createTransports(config);
  jobs.register(SEND_JOB, async (ctx, payload) => {
    await sendMessage(ctx, { messageId: payload.messageId, transports: t, maxAttempts: config.maxAttempts });
  });
  return t;
}
