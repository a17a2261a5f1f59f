import type { Config } from '@docketwatch/config';
import { HttpClient, type HostPoliteness } from '@docketwatch/http';

/** The outbound HTTP client as the configuration sets it; a role that polls adds the shared politeness. */
export function outboundHttp(config: Config, politeness?: HostPoliteness): HttpClient {
  return new HttpClient({
    userAgent: config.fetch.userAgent,
    timeoutMs: config.fetch.timeoutMs,
    maxBodyBytes: config.fetch.maxBodyBytes,
    allowPrivateAddresses: config.fetch.allowPrivateAddresses,
    ...(politeness ? { politeness } : {}),
  });
}
