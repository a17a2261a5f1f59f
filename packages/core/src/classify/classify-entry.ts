/**
 * What kind of entry a docket entry is, so subscribers can follow only orders and opinions, say.
 * Pure rules over the words courts use: CM/ECF event names ("Order on Motion to Dismiss",
 * "Letter Motion", "~Util - Set Hearings"), the docket text that starts with the event in capitals
 * ("MOTION for Temporary Restraining Order by J.G.G.", "MEMORANDUM OPINION AND ORDER granting…"),
 * and the Supreme Court clerk's sentences ("Application (24A949) to vacate the injunction…",
 * "Brief amici curiae of … filed.", "Petition DENIED.").
 *
 * An entry is classed by what it is, which courts write first: "ORDER granting 12 MOTION for…" is an
 * order, "MEMORANDUM in Opposition re 12 MOTION…" a brief, "Motion Hearing set…" a hearing.
 *
 * Classes, and the decisions taken:
 * - opinion: a document the court calls an opinion or decision, or that reports reasons for a
 *   judicial officer's ruling: "Opinion filed", "MEMORANDUM OPINION", "Memorandum & Opinion",
 *   "Unpublished per curiam opinion filed", "Opinion of the Court", "… delivered the opinion of the
 *   Court", "Opinion per curiam", "Memorandum Decision", "Report and Recommendation", "Findings of
 *   Fact and Conclusions of Law". "MEMORANDUM OPINION AND ORDER" and "Opinion and Judgment" are
 *   opinions: the name says opinion, and someone who follows opinions wants them. A document named
 *   only an order ("MEMORANDUM AND ORDER", "Memorandum Order") stays an order.
 * - judgment: "JUDGMENT", "Judgment - Clerk", "Amended Judgment", "Judgment order filed",
 *   "JUDGMENT ISSUED", "Judgment REVERSED and case REMANDED", and the mandate ("Mandate issued",
 *   "USCA MANDATE"): the mandate is the appellate judgment taking effect in the lower court, the
 *   point at which the lower court acts on it. "Judgment Returned Executed" (the marshal's return)
 *   is routine.
 * - order: any other order, minute order, memo endorsement, so-ordered stipulation, scheduling
 *   order, clerk order, "ruling"; a Supreme Court disposition of a motion, application or petition
 *   ("Application (24A1) granted by Justice Alito…", "Petition DENIED.", "Motion … is granted"),
 *   and what a Justice or the Court does by itself ("ADMINISTRATIVE STAY entered by The Chief
 *   Justice", "Response to application (24A949) requested by The Chief Justice").
 * - motion: motions of every kind (letter motions, joint, consent, emergency), applications
 *   (the Supreme Court's emergency applications included, see isEmergencyApplication), requests,
 *   petitions for certiorari, rehearing or mandamus, and the bare relief names SDNY's feed uses
 *   for motion events ("Dismiss", "Extension of Time", "In Limine").
 * - brief: what a party files to argue or plead: briefs, amicus briefs, memoranda of law,
 *   responses, replies, oppositions, objections, letters to the court, declarations, affidavits
 *   and exhibits, and pleadings (complaint, answer, counterclaim, other petitions).
 * - notice: notices (of appeal, of filing, of voluntary dismissal, of supplemental authority),
 *   stipulations, status reports.
 * - hearing: minute entries, hearings and conferences set, held or cancelled, oral argument
 *   ("Argued.", "SET FOR ARGUMENT…"), notices of hearing, transcripts.
 * - routine: appearances, pro hac vice, corporate disclosure, summons, service, civil cover sheet,
 *   attorney added or withdrawn, change of address, docketing statement, case assignment, fees,
 *   deadlines, record transmitted, distributed for conference, clerical notices.
 * - other: anything else ("Complaint" is a brief, but "Indictment", "Plea Agreement" or
 *   "SEALED DOCUMENT" are other), and proposed orders and findings (a party's draft, not the court's).
 *
 * Rules are tried in order; the first that fits decides. Routine entries are recognised first,
 * anywhere in the entry's first clause, so "ORDER granting Motion for Leave to Appear Pro Hac Vice"
 * is routine, while "MOTION for TRO (Attachments: # 1 Certificate of Service)" is still a motion.
 * CM/ECF feeds merge several events of one filing with " AND " ("Order AND ~Util - Set Hearings");
 * such an entry takes the most significant class of its parts, in the order of ENTRY_CLASSES.
 * The short description (the event name) decides when it says anything; the docket text is read
 * when it does not.
 */
import { foldText } from '../matching/fold';

export type EntryClass = 'order' | 'opinion' | 'judgment' | 'motion' | 'brief' | 'notice' | 'hearing' | 'routine' | 'other';
/** Press releases and other published items are classed 'press' by the caller. */
export type ItemClass = EntryClass | 'press';

/** All entry classes, most significant first: a merged entry takes the first of its parts' classes. */
export const ENTRY_CLASSES: readonly EntryClass[] = [
  'opinion',
  'judgment',
  'order',
  'motion',
  'brief',
  'notice',
  'hearing',
  'routine',
  'other',
];
export const ITEM_CLASSES: readonly ItemClass[] = [...ENTRY_CLASSES, 'press'];

export interface ClassifiableEntry {
  shortDescription?: string | null;
  description?: string | null;
}

/** Only the start of an entry decides its class; the rest is not read. */
const MAX_READ_CHARS = 2_000;
const HEAD_CHARS = 400;
const CLAUSE_CHARS = 120;
const MAX_MERGED_EVENTS = 20;

// Words that qualify an event name without changing what it is ("Joint MOTION", "Final ORDER").
const QUAL = String.raw`(?:(?:first|second|third|fourth|fifth|sixth|\d{1,2}(?:st|nd|rd|th)|amended|supplemental|renewed|consent|joint|unopposed|opposed|emergency|expedited|partial|final|corrected|revised|ex parte|sealed|redacted|cross|counter|verified|preliminary|interim|temporary|superseding|stipulated|agreed|further|original|substituted|miscellaneous|plaintiffs?'?s?|defendants?'?s?|government'?s?|gov'?t'?s?|appellants?'?s?|appellees?'?s?|petitioners?'?s?|respondents?'?s?|federal)\s+){0,3}`;

/** Words that, before "order" or "motion", show the entry is about an order or motion rather than one. */
const NOT_BEFORE_WORDS = String.raw`to|re|for|in|on|of|at|by|with|regarding|pursuant|under|from|against|proposed|request|brief|response|responses|reply|objection|objections|opposition|declaration|affidavit|affirmation|exhibit|exhibits|complaint|answer|notice|appeal|mail|transmission|transcript|statement|letter`;
const NOT_BEFORE_EVENT = String.raw`(?:${NOT_BEFORE_WORDS}|application|petition|motion|order)\b`;
/** Before "hearing" or "conference" a motion or order may name the hearing ("Motion Hearing", "Order to Show Cause Hearing"). */
const NOT_BEFORE_HEARING = String.raw`(?:${NOT_BEFORE_WORDS})\b`;

const re = (source: string): RegExp => new RegExp(source);

/** SDNY's feed names a motion event by its relief alone: "[Dismiss]", "[Extension of Time]". */
const BARE_MOTION_RELIEF = re(
  String.raw`^(?:dismiss(?:\/lack of jurisdiction)?|compel|discovery|strike|preclude|in limine|continue|stay|extension of time(?: to [a-z\/ ]{1,60})?|leave to (?:file|appeal|amend|proceed)[a-z\/ ]{0,60}|summary judgment|adjourn conference|pre[- ]?motion conference|reconsideration|sanctions|seal|unseal|default judgment|(?:preliminary )?injunction|temporary restraining order|amend\/correct\/supplement|quash|remand(?: to state court)?|transfer case|consolidate(?: cases)?|intervene|appoint counsel|vacate(?: \(2255\))?|reduce sentence|bond|settlement|withdraw|miscellaneous relief)$`,
);

// Routine: checked first. CLAUSE patterns may appear anywhere in the entry's first clause,
// SENTENCE patterns anywhere in its first sentence, START patterns at its start.
const ROUTINE_CLAUSE = re(
  String.raw`pro hac vice|corporate disclosure|(?:financial )?(?:interest )?disclosure statement|certificate of (?:service|compliance|interested|counsel)|notice of (?:attorney )?appearance|(?:entry|withdrawal|substitution) of (?:appearance|counsel|attorney)|withdraw(?:al)? as (?:attorney|counsel)|(?:attorney|counsel) (?:added|terminated|update|withdrawn)|add(?:ed)? and terminate (?:attorneys|parties)|change of (?:address|firm|attorney)|statement of relatedness|related case statement|civil cover sheet|docketing statement|designation of (?:local )?counsel|certification of local counsel|(?:electronic )?summons (?:issued|returned|executed|requested)|issuance of summons|affidavit of service|return of service|waiver of service|transmission (?:to|of)|appeal record sent|record on appeal|deficient|letter of deficiency|notice to attorney|transcript order|appearance form|paper copies|quality control|receipt of payment|(?:certified|first class) mail|mail receipt|court reporter acknowledgment|jurisdictional review|case opening|case assignment|deleted incorrect entry|briefing notice`,
);
const ROUTINE_SENTENCE = re(
  String.raw`distributed for conference|\bcirculat(?:ed|ion)\b|blanket consent|waiver of (?:the )?right|\brecord (?:requested|received|filed|sent)|the record .{0,60}\bis electronic|referred to the court|\bcase (?:re)?assigned\b|case designated|\bcase docketed\b|judgment returned executed`,
);
const ROUTINE_START = re(
  String.raw`^(?:filing fee|appeal fee|fee (?:paid|payment|due)|(?:case|action) (?:re)?assigned|case opened|new case|case (?:docketed|transferred|designated)|attorney (?:added|terminated|update)|(?:util - )?(?:set(?:\/reset)? |reset |terminate )?deadlines?(?!\s*(?:\/|and) ?hearings?)\b|deadline updated|util - terminate civil case|util - add|close (?:adversary )?case|case (?:closed|terminated)$|mail(?:ed|ing)?\b|financial affidavit|usca case number|(?:attorney )?appearance\b(?! bond)|acknowledgment\b|motions? no longer referred|electronic (?:record|index)|notice of (?:docketing|mediator|electronic filing|change)|clerk'?s? (?:notice|letter)|motions?(?:\(s\))? referred|proposed summons|summons|consent to (?:proceed|jurisdiction|electronic)|rule 5\(c\)\(3\)|ruling letter|transcript (?:order|request)|docket (?:annotation|correction)|text entry|pro se|payment|receipt)`,
);

const PROPOSED = re(String.raw`^${QUAL}proposed\b`);

const OPINION_ANYWHERE = /delivered the opinion of the court|\bopinion per curiam\b/;
const OPINION_START = [
  re(
    String.raw`^${QUAL}(?:(?:unpublished|published|precedential|non-?precedential|signed|unsigned|authored|per curiam|summary|slip|memorandum(?: &| and)?|court'?s?)\s+){0,3}opinions?\b`,
  ),
  re(String.raw`^${QUAL}(?:memorandum )?decision\b|^${QUAL}memorandum of decision\b`),
  re(
    String.raw`^${QUAL}(?:report (?:and|&) recommendations?|findings (?:of fact )?(?:and|&) (?:conclusions|recommendations?)|magistrate judge'?s? (?:findings|report))`,
  ),
  /^case termination for (?:an? )?opinion/,
];
const JUDGMENT_START = [
  re(
    String.raw`^${QUAL}(?:(?:amended|final|default|clerk'?s?|consent|partial|summary|declaratory|usca|civil|criminal|certified copy of)\s+){0,2}judgments?\b`,
  ),
  re(String.raw`^${QUAL}(?:certified copy of )?(?:usca |appellate )?mandate\b`),
  /^case termination for (?:an? )?(?:order and )?judgment/,
];

// A Supreme Court motion, application or petition that the entry says was decided.
const REQUEST_START = re(String.raw`^${QUAL}(?:letter )?(?:motions?|applications?|petitions?|requests?)\b`);
const DISPOSED = re(
  String.raw`\b(?:is|are|was|were|hereby|be)\s+(?:(?:further|hereby)\s+)?(?:granted|denied|dismissed)\b|\b(?:granted|denied|dismissed)(?:\s+in\s+part)?(?:\s+and\s+(?:granted|denied)\s+in\s+part)?\s+by\s+(?:the\s+chief\s+justice|justice|the\s+court|the\s+clerk|the\s+judge|judge)\b|\b(?:granted|denied|dismissed)(?:\s+(?:as moot|in part|without prejudice|with prejudice))?\s*\.?$`,
);
// What a Justice or the Court does without a party asking.
const COURT_ACTION = [
  /\b(?:requested|entered|issued|extended)\s+by\s+(?:the\s+chief\s+justice|justice\s+[a-z]+|the\s+court)\b/,
  /^response requested\b/,
  /^the time to file\b.{0,200}\bis (?:further )?extended\b/,
];

const ORDER_START = [
  re(String.raw`^${QUAL}(?:(?!${NOT_BEFORE_EVENT})[a-z0-9'&\/.\-]+\s+){0,6}order(?:ed|s)?\b`),
  /^(?:motion|strike|scheduling) order\b/,
  /^so[- ]ordered\b/,
  /^(?:memo(?:randum)? endorse(?:ment|d)|endorsed (?:letter|memo))/,
  /^ruling\b/,
  /^clerk'?s? entry of default/,
  /^case termination without a panel/,
];
const HEARING_START = [
  /^minute entry\b/,
  // "Motion Hearing", "Status Conference", "Plea and Rule 11 hearing", "Notice of Hearing", "FIRST MEDIATION CONFERENCE"
  re(String.raw`^${QUAL}(?:notice of )?(?:(?!${NOT_BEFORE_HEARING})[a-z0-9'&\/.\-]+\s+){0,4}(?:hearings?|conferences?)\b`),
  /^(?:oral )?argument (?:held|set|scheduled|heard|calendared)|^oral argument|^argued\b|^set for (?:oral )?argument|^(?:case )?(?:tentatively )?calendared/,
  /^(?:jury|bench) trial\b|^trial (?:held|set|begun|completed|continued)|^(?:arraignment|initial appearance)\b|^sentencing (?:held|set|reset|continued|scheduled)\b/,
  /^(?:util - )?(?:set\/reset|set|reset)\b[a-z&/ ]{0,40}hearings?\b/,
  /^(?:util - )?terminate (?:deadlines and )?hearings?\b/,
  /^transcript\b(?! (?:request|order))/,
];
const MOTION_START = [
  re(String.raw`^${QUAL}(?:(?!${NOT_BEFORE_EVENT})[a-z0-9'&\/.\-]+\s+){0,3}(?:letter\s+)?(?:motions?|applications?)\b`),
  re(String.raw`^${QUAL}(?:letter )?request (?:for|to)\b`),
  re(
    String.raw`^${QUAL}petitions? for (?:an? )?(?:writ of (?:certiorari|mandamus|prohibition)|(?:panel |en banc )?rehearing|permission to appeal|leave to appeal|initial hearing en banc)`,
  ),
  /^notice of (?:[a-z]+ )?motion\b/,
];
const BRIEF_START = [
  re(
    String.raw`^${QUAL}(?:(?:opening|principal|response|answering|reply|amicus|amici|merits|supplemental|letter|trial|pretrial|post-?trial|appeal|appellate|original|initial|final|appellant'?s?|appellee'?s?|intervenor'?s?)\s+){0,3}briefs?\b`,
  ),
  re(
    String.raw`^${QUAL}(?:letter\s+)?(?:reply|replies|response|responses|opposition|objections?|surreply|sur-reply|memorandum|memoranda|amicus|amici|joint appendix|appendix|declarations?|affidavits?|affirmations?|exhibits?|complaint|answer|counterclaims?|cross-?claims?|third-party complaint|petitions?|letter|sentencing (?:memorandum|submission)|rule 56\.1 statement|statements?|record excerpts)\b`,
  ),
];
const NOTICE_START = [
  re(String.raw`^${QUAL}(?:notices?|stipulations?|suggestion of|praecipe|supreme court case info)\b`),
  re(String.raw`^${QUAL}(?:initial |joint |interim )?(?:status )?report\b`),
];

/** Strips what precedes the event name: "***", "ENTERED IN ERROR.....", "FILING ERROR - ", "1 - ", "~". */
function stripNoise(text: string): string {
  let t = text;
  for (let i = 0; i < 6; i++) {
    const next = t
      .replace(/^[\s*#.:;,()[\]~_=>-]+/, '')
      .replace(/^(?:entered in error|filing error|pdf error|document filed in error|docketed in error|court only)\b[\s.:-]*/, '')
      .replace(/^\d{1,3}\s+-\s+/, '')
      .replace(/^sealed\b\s*-?\s*(?=[a-z])/, '');
    if (next === t) break;
    t = next;
  }
  return t;
}

/** Up to the end of the first sentence: a period after two letters or digits (so "v.", "J." and "U.S." do not end it). */
function firstSentence(text: string): string {
  const end = /(?<=[a-z0-9]{2}|\))\.(?:\s|$)/.exec(text);
  return (end ? text.slice(0, end.index) : text).slice(0, HEAD_CHARS);
}

/**
 * The first clause: before any parenthesis, semicolon, " by ", " - ", " against ", a filing fee or
 * the end of the first sentence, and at most CLAUSE_CHARS long. What an entry is comes first; what
 * follows is who filed it and what came with it ("… filing fee $ 400 … civil cover sheet completed").
 */
function firstClause(text: string): string {
  const sentence = firstSentence(text);
  const cut = /[(;[]| by | - | against |,? ?filing fee|,? ?receipt number/.exec(sentence);
  return (cut ? sentence.slice(0, cut.index) : sentence).slice(0, CLAUSE_CHARS);
}

const anyMatch = (patterns: RegExp[], text: string): boolean => patterns.some((p) => p.test(text));

/** Classes one event name or one docket text. */
function classifyText(raw: string): EntryClass {
  const text = stripNoise(foldText(raw.slice(0, MAX_READ_CHARS)));
  if (text === '') return 'other';
  const head = text.slice(0, HEAD_CHARS);
  const sentence = firstSentence(text);
  const clause = firstClause(text);

  if (BARE_MOTION_RELIEF.test(text)) return 'motion';
  if (OPINION_ANYWHERE.test(head)) return 'opinion';
  if (ROUTINE_START.test(head) || ROUTINE_CLAUSE.test(clause) || ROUTINE_SENTENCE.test(sentence)) return 'routine';
  if (PROPOSED.test(head)) return 'other';
  if (anyMatch(OPINION_START, head)) return 'opinion';
  if (anyMatch(JUDGMENT_START, head)) return 'judgment';
  if (REQUEST_START.test(head) && DISPOSED.test(sentence)) return 'order';
  if (anyMatch(COURT_ACTION, sentence)) return 'order';
  if (anyMatch(ORDER_START, head)) return 'order';
  if (anyMatch(HEARING_START, head)) return 'hearing';
  if (anyMatch(MOTION_START, head)) return 'motion';
  if (anyMatch(BRIEF_START, head)) return 'brief';
  if (anyMatch(NOTICE_START, head)) return 'notice';
  return 'other';
}

/** The most significant of several classes (ENTRY_CLASSES order). */
function mostSignificant(classes: EntryClass[]): EntryClass {
  let best = ENTRY_CLASSES.length - 1;
  for (const c of classes) best = Math.min(best, ENTRY_CLASSES.indexOf(c));
  return ENTRY_CLASSES[best]!;
}

/** The class of a docket entry, from its event name (shortDescription) and its docket text (description). */
export function classifyEntry(entry: ClassifiableEntry): EntryClass {
  const short = (entry.shortDescription ?? '').slice(0, MAX_READ_CHARS);
  if (short.trim() !== '') {
    const parts = short.split(' AND ').slice(0, MAX_MERGED_EVENTS);
    const byName = mostSignificant(parts.map(classifyText));
    if (byName !== 'other') return byName;
  }
  const description = entry.description ?? '';
  return description.trim() === '' ? 'other' : classifyText(description);
}

const EMERGENCY_RELIEF =
  /\b(?:stay|stays|vacate|vacatur|injunction|injunctive|enjoin\w*|restraining|administrative|emergency|mandamus|prohibition|habeas)\b/;
const EXTENSION = /\bextend(?:ing)? the time\b|\bextension of time\b|\btime to file\b/;

/**
 * True for an emergency application: the Supreme Court's applications for a stay, to vacate an
 * injunction or order, for an injunction or an administrative stay ("Application (24A949) to vacate
 * the injunction…", "Application (24A1007) for injunction…"), and anything a court calls an
 * "emergency application". Applications to extend the time to file are not emergencies, an
 * application's disposition is an order, and a lower court's "emergency motion" is a motion.
 * Emergency applications are class 'motion'.
 */
export function isEmergencyApplication(entry: ClassifiableEntry): boolean {
  if (classifyEntry(entry) !== 'motion') return false;
  for (const raw of [entry.description ?? '', entry.shortDescription ?? '']) {
    const text = stripNoise(foldText(raw.slice(0, MAX_READ_CHARS)));
    if (/^emergency application\b/.test(text)) return true;
    if (!/^application\b/.test(text)) continue;
    const sentence = firstSentence(text);
    if (!EXTENSION.test(sentence) && EMERGENCY_RELIEF.test(sentence)) return true;
  }
  return false;
}
