import { z } from 'zod';
import type { DestinationSpec } from './channel';

const LOOPBACK_HOSTS = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/**
 * An incoming-webhook URL. It carries its own credentials, so it must travel over HTTPS; plain
 * http is accepted only for loopback (a local stand-in), which the SSRF guard refuses in production
 * anyway unless private addresses were allowed on purpose.
 */
export function httpsUrlDestination(what: string): DestinationSpec {
  const schema = z
    .string()
    .max(2000)
    .refine((value) => {
      try {
        const url = new URL(value);
        if (url.username || url.password) return false;
        return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.test(url.hostname));
      } catch {
        return false;
      }
    }, `${what}: an https:// URL`);
  return { schema, optIn: 'api-key' };
}

export const emailDestination: DestinationSpec = {
  schema: z.string().max(320).email('an e-mail address'),
  normalise: (address) => address.trim().toLowerCase(),
  optIn: 'email-confirmation',
};
