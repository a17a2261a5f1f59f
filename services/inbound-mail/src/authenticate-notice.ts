import { BlockList, isIP } from 'node:net';
import { authenticate, type DNSResolver, type DKIMVerifyResult } from 'mailauth';
import { dkimVerify } from 'mailauth/lib/dkim/verify';

/** Which mail counts as the court's (packages/config's `inboundSmtp.trust`). */
export interface NoticeTrust {
  /** Mail domains of the courts; a notice's From and its signature must both be under the same one. */
  courtDomains: string[];
  /** `dkim`: an aligned DKIM signature; `dmarc`: also a DMARC pass (aligned SPF). */
  accept: 'dkim' | 'dmarc';
  /** IPs or CIDRs of relays whose Authentication-Results header is believed. */
  relays: string[];
  relayAuthservId: string | null;
}

/** How the message reached us: the connecting address, its EHLO name and MAIL FROM. */
export interface Arrival {
  ip: string;
  helo: string;
  sender: string | null;
}

export type Verdict = { trusted: true; by: 'dkim' | 'dmarc' | 'relay'; domain: string } | { trusted: false; reason: string };

/** The message's top header block, unfolded, as lower-cased names with their values, in order. */
function readHeaders(raw: Buffer): { name: string; value: string }[] {
  const text = raw.subarray(0, 256 * 1024).toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  const head = (end === -1 ? text : text.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
  return head
    .split(/\r?\n/)
    .map((line) => /^([^:\s]+):\s*(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ name: m[1]!.toLowerCase(), value: m[2]!.trim() }));
}

/** The one address of the From header's domain, or why there is none to go by. */
function fromDomainOf(headers: { name: string; value: string }[]): string | { reason: string } {
  const from = headers.filter((h) => h.name === 'from');
  const addresses = from.flatMap((h) => h.value.match(/[^\s<>@",;:()]+@[^\s<>@",;:()]+/g) ?? []);
  if (from.length !== 1 || addresses.length !== 1) return { reason: 'the From header does not name exactly one address' };
  return addresses[0]!.split('@').pop()!.toLowerCase();
}

interface ResultClause {
  method: string;
  result: string;
  props: Record<string, string>;
}

/** An Authentication-Results header (RFC 8601): its authserv-id and each method's result. */
function readAuthenticationResults(value: string): { authservId: string; clauses: ResultClause[] } {
  const [id = '', ...parts] = value.replace(/\([^)]*\)/g, ' ').split(';');
  const clauses = parts.flatMap((part): ResultClause[] => {
    const [first, ...rest] = part.trim().split(/\s+/);
    const [method, result] = (first ?? '').toLowerCase().split('=');
    if (!method || !result) return [];
    const props = Object.fromEntries(
      rest
        .map((p) => p.split('='))
        .filter((kv): kv is [string, string] => kv.length === 2)
        .map(([k, v]) => [k.toLowerCase(), v.toLowerCase()]),
    );
    return [{ method, result, props }];
  });
  return { authservId: id.trim().split(/\s+/)[0]!.toLowerCase(), clauses };
}

/**
 * Decides whether a notice is the court's: its From names one court domain, and either a relay we
 * trust said so in the Authentication-Results header it added (only the topmost header, and only
 * under its authserv-id: a relay removes forged ones, RFC 8601 §5), or a DKIM signature of that
 * court domain, aligned with From and covering the whole body, verifies here. Every DNS lookup goes
 * through the resolver given, so tests serve their own keys.
 */
export class NoticeAuthenticator {
  private readonly relays = new BlockList();

  constructor(
    private readonly trust: NoticeTrust,
    private readonly resolver?: DNSResolver,
  ) {
    for (const relay of trust.relays) {
      const [address = '', bits] = relay.split('/');
      const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
      if (bits === undefined) this.relays.addAddress(address, family);
      else this.relays.addSubnet(address, Number(bits), family);
    }
  }

  private courtDomainOf(domain: string): string | undefined {
    const d = domain.toLowerCase().replace(/^@/, '');
    return this.trust.courtDomains.find((court) => d === court || d.endsWith(`.${court}`));
  }

  async check(raw: Buffer, arrival: Arrival): Promise<Verdict> {
    const headers = readHeaders(raw);
    const fromDomain = fromDomainOf(headers);
    if (typeof fromDomain !== 'string') return { trusted: false, reason: fromDomain.reason };
    const court = this.courtDomainOf(fromDomain);
    if (!court) return { trusted: false, reason: `From domain ${fromDomain} is not a court's` };
    if (this.fromRelay(arrival.ip)) {
      const relayed = this.relayVerdict(headers, fromDomain, court);
      if (relayed) return relayed;
    }
    return this.verifyHere(raw, arrival, fromDomain, court);
  }

  private fromRelay(ip: string): boolean {
    const address = ip.replace(/^::ffff:/, '');
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    return isIP(address) !== 0 && this.relays.check(address, family);
  }

  private relayVerdict(headers: { name: string; value: string }[], fromDomain: string, court: string): Verdict | undefined {
    const top = headers.find((h) => h.name === 'authentication-results');
    if (!top || !this.trust.relayAuthservId) return undefined;
    const results = readAuthenticationResults(top.value);
    if (results.authservId !== this.trust.relayAuthservId.toLowerCase()) return undefined;
    const signed = results.clauses.some((c) => {
      const domain = c.props['header.d'] ?? c.props['header.i']?.split('@').pop();
      return c.method === 'dkim' && c.result === 'pass' && domain !== undefined && this.courtDomainOf(domain) === court;
    });
    const dmarc = results.clauses.some((c) => c.method === 'dmarc' && c.result === 'pass' && c.props['header.from'] === fromDomain);
    return signed || (this.trust.accept === 'dmarc' && dmarc) ? { trusted: true, by: 'relay', domain: fromDomain } : undefined;
  }

  private async verifyHere(raw: Buffer, arrival: Arrival, fromDomain: string, court: string): Promise<Verdict> {
    const options = { resolver: this.resolver, sender: arrival.sender ?? undefined };
    let dkim: DKIMVerifyResult;
    let dmarcPass = false;
    if (this.trust.accept === 'dmarc') {
      const result = await authenticate(raw, {
        ...options,
        ip: arrival.ip,
        helo: arrival.helo,
        mta: 'docketwatch',
        disableArc: true,
        disableBimi: true,
      });
      dkim = result.dkim;
      dmarcPass = result.dmarc !== false && result.dmarc.status.result === 'pass';
    } else {
      dkim = await dkimVerify(raw, options);
    }
    // mailauth aligns against its own reading of From; both readings must agree.
    if (dkim.headerFrom.length !== 1 || dkim.headerFrom[0]!.split('@').pop()!.toLowerCase() !== fromDomain) {
      return { trusted: false, reason: 'the From header is ambiguous' };
    }
    const signature = dkim.results.find(
      (r) => r.status.result === 'pass' && r.status.aligned && !r.status.underSized && this.courtDomainOf(r.signingDomain) === court,
    );
    if (signature) return { trusted: true, by: 'dkim', domain: signature.signingDomain };
    if (dmarcPass) return { trusted: true, by: 'dmarc', domain: fromDomain };
    const seen = dkim.results
      .filter((r) => r.signingDomain)
      .map((r) => `d=${r.signingDomain} ${r.status.result}${r.status.comment ? ` (${r.status.comment})` : ''}`);
    return {
      trusted: false,
      reason: `not authenticated as ${court}: ${seen.length > 0 ? `DKIM ${seen.join(', ')}` : 'no DKIM signature'}`,
    };
  }
}
