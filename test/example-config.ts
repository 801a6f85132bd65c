// The examples are plain JavaScript without declarations: the config their createApp takes, as the
// tests use it (see examples/shared/config.js).
export interface ExampleConfig {
  appId: number;
  serverSecret: string;
  tokenTtl: number;
  sessionSecret: string;
  corsOrigins?: string[];
  tokenRateLimit?: { windowMs: number; limit: number };
  /** Reverse proxies in front of the app (0: none): how many X-Forwarded-For entries to believe. */
  trustProxy?: number;
  log?: (message: string) => void;
}
