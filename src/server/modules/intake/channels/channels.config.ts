/** Settings of the public channels, from the environment (read once at start). */
export interface ChannelsConfig {
  /**
   * CTI_WEBHOOK_SECRET: the shared secret of the call-centre webhook; several, comma-separated, while rotating.
   * None set: the webhook refuses every call (401).
   */
  ctiSecrets: string[];
}

export function loadChannelsConfig(env: NodeJS.ProcessEnv = process.env): ChannelsConfig {
  const ctiSecrets = (env.CTI_WEBHOOK_SECRET ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const s of ctiSecrets) {
    if (s.length < 16) throw new Error('CTI_WEBHOOK_SECRET must be at least 16 characters (each, when several)');
  }
  return { ctiSecrets };
}
