import { promises as dns } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { DocketwatchError } from '@docketwatch/core';

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Resolves a hostname to every address it may connect to. */
export type HostResolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: HostResolver = (hostname) => dns.lookup(hostname, { all: true });

/**
 * A `lookup` for net/tls connect that refuses hostnames resolving to blocked addresses.
 * Checking here, at connect time, validates the exact addresses the socket will use, so a DNS
 * answer that changes between a pre-check and the connection (rebinding) cannot slip through.
 */
export function guardedLookup(resolve: HostResolver, isBlocked: (address: string) => boolean): LookupFunction {
  return (hostname, options, callback) => {
    resolveAllowed(hostname, wantedFamily(options.family), resolve, isBlocked).then(
      (addresses) => {
        const first = addresses[0] as ResolvedAddress;
        if (options.all) callback(null, addresses);
        else callback(null, first.address, first.family);
      },
      (err: NodeJS.ErrnoException) => callback(err, ''),
    );
  };
}

async function resolveAllowed(
  hostname: string,
  family: number,
  resolve: HostResolver,
  isBlocked: (address: string) => boolean,
): Promise<ResolvedAddress[]> {
  const all = await resolve(hostname);
  // Refuse if any answer is blocked, not just the one we would pick: a name that mixes public and
  // private answers is either misconfigured or an attack, and the socket may fall back to any of them.
  const blocked = all.find((a) => isBlocked(a.address));
  if (blocked) {
    throw new DocketwatchError(
      'FETCH_BLOCKED_ADDRESS',
      `Refusing to connect to ${hostname}: it resolves to a non-public address (${blocked.address})`,
      { retryable: false, context: { host: hostname, address: blocked.address } },
    );
  }
  const usable = family === 0 ? all : all.filter((a) => a.family === family);
  if (usable.length === 0) {
    throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname });
  }
  return usable;
}

function wantedFamily(family: number | 'IPv4' | 'IPv6' | undefined): number {
  if (family === 'IPv4') return 4;
  if (family === 'IPv6') return 6;
  return family ?? 0;
}
