/**
 * Which matters a new case belongs to, by each matter's discovery rule, and why.
 *
 * A rule lists any of:
 * - parties: names looked for in the caption, folded and word-bounded like a matter's aliases
 *   (initialisms included: "J.G.G." matches "J.G.G. v. Trump").
 * - statutes: words looked for in everything the source says of the case (caption, cause, nature
 *   of suit, the search's snippets or the opening filing's text): "Alien Enemies Act", "50 U.S.C. 21".
 * - natureOfSuit: PACER nature-of-suit codes ("463") or names ("Habeas Corpus - Alien Detainee").
 * - courts: court ids, or a level ("district", "appellate", "bankruptcy") standing for every court
 *   of it. Listed courts are a filter: a case elsewhere never matches.
 *
 * Parties and statutes name the case; a nature of suit only says what kind of case it is (463 is
 * every immigration detainee's habeas petition). So when a rule lists parties or statutes, one of
 * them must match; a nature of suit alone matches only a rule that lists neither. A case whose
 * source gives no nature of suit (a court's RSS feed) is judged on the rest.
 */
import { courtLevel } from '../courts';
import { foldText } from './fold';
import { matchItem } from './match-item';

export interface DiscoveryRule {
  parties?: string[];
  statutes?: string[];
  natureOfSuit?: string[];
  courts?: string[];
  /** Attach matching cases to the matter at once instead of proposing them to an admin. */
  autoAttach?: boolean;
}

export interface DiscoveryProfile {
  matterId: number;
  rule: DiscoveryRule;
}

export interface CandidateCase {
  court: string;
  caseName: string;
  natureOfSuit: string;
  cause: string;
  text: string;
}

export type CaseReasonKind = 'party' | 'statute' | 'nature-of-suit' | 'court';

export interface CaseReason {
  kind: CaseReasonKind;
  /** The rule's value that matched. */
  value: string;
  /** The case's own words around it. */
  excerpt: string;
}

export interface CaseMatch {
  matterId: number;
  reasons: CaseReason[];
  autoAttach: boolean;
}

const COURT_LEVELS = new Set(['district', 'appellate', 'bankruptcy', 'supreme']);

function courtReason(rule: DiscoveryRule, court: string): CaseReason | null | undefined {
  const courts = rule.courts ?? [];
  if (courts.length === 0) return undefined;
  const level = courtLevel(court);
  const hit = courts.find((c) => c === court || (COURT_LEVELS.has(c) && c === level));
  return hit ? { kind: 'court', value: hit, excerpt: court } : null;
}

/** "463" matches a nature of suit written with that code; a name matches the folded text. */
function natureReason(rule: DiscoveryRule, natureOfSuit: string): CaseReason | undefined {
  if (!natureOfSuit) return undefined;
  const folded = foldText(natureOfSuit);
  const hit = (rule.natureOfSuit ?? []).find((n) =>
    /^\d{3}$/.test(n.trim()) ? new RegExp(`^${n.trim()}(?!\\d)`).test(folded) : folded.includes(foldText(n)),
  );
  return hit ? { kind: 'nature-of-suit', value: hit, excerpt: natureOfSuit } : undefined;
}

/**
 * Citations are written with and without the section sign ("50 U.S.C. § 21", "50 U.S.C. 21"); it is
 * not a word, so it is dropped from statutes and text alike and either form matches the other.
 */
const withoutSectionSign = (text: string): string => text.replace(/§+\s*/g, '');

function phraseReasons(rule: DiscoveryRule, candidate: CandidateCase): CaseReason[] {
  const parties = rule.parties ?? [];
  const statutes = (rule.statutes ?? []).map(withoutSectionSign);
  const reasons: CaseReason[] = [];
  if (parties.length > 0) {
    const [hit] = matchItem({ title: candidate.caseName, summary: '', text: '' }, [{ id: 0, aliases: parties, dockets: [] }]);
    for (const r of hit?.reasons ?? []) reasons.push({ kind: 'party', value: r.value, excerpt: r.excerpt });
  }
  if (statutes.length > 0) {
    const item = {
      title: candidate.caseName,
      summary: withoutSectionSign([candidate.cause, candidate.natureOfSuit].join('\n')),
      text: withoutSectionSign(candidate.text),
    };
    const [hit] = matchItem(item, [{ id: 0, aliases: [], keywords: statutes, dockets: [] }]);
    for (const r of hit?.reasons ?? []) reasons.push({ kind: 'statute', value: r.value, excerpt: r.excerpt });
  }
  return reasons;
}

/** The matters whose discovery rule `candidate` fits, each with every reason it fits. */
export function matchNewCase(candidate: CandidateCase, profiles: readonly DiscoveryProfile[]): CaseMatch[] {
  const matches: CaseMatch[] = [];
  for (const { matterId, rule } of profiles) {
    const court = courtReason(rule, candidate.court);
    if (court === null) continue;
    const named = phraseReasons(rule, candidate);
    const nature = natureReason(rule, candidate.natureOfSuit);
    const needsName = (rule.parties?.length ?? 0) + (rule.statutes?.length ?? 0) > 0;
    if (needsName ? named.length === 0 : !nature) continue;
    const reasons = [...named, ...(nature ? [nature] : []), ...(court ? [court] : [])];
    matches.push({ matterId, reasons, autoAttach: rule.autoAttach === true });
  }
  return matches;
}

/**
 * Whether a docket entry opens its case: the first filing, a complaint, a petition for a writ of
 * habeas corpus or a notice of removal. Court feeds carry these for cases nobody follows yet.
 */
export function isCaseOpener(entry: { entryNumber: string | null; shortDescription: string; description: string }): boolean {
  const text = foldText(`${entry.shortDescription} ${entry.description}`).trim();
  if (/^(?:emergency |verified |amended )?(?:complaint|petition for (?:a )?writ of habeas corpus|notice of removal)\b/.test(text))
    return true;
  return entry.entryNumber === '1' && /^(?:emergency |verified )?(?:complaint|petition)\b/.test(text);
}
