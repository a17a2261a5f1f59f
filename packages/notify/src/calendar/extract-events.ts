import { assertTimeZone, MONTH_NUMBERS, wallTimeAt } from '@docketwatch/core';

export type ScheduledEventKind = 'hearing' | 'deadline' | 'conference' | 'trial' | 'argument';

export interface EventStart {
  /** YYYY-MM-DD, the court's calendar date. */
  date: string;
  /** HH:MM (24-hour) wall-clock time in `timeZone`, or null when the court gave none (all day). */
  time: string | null;
}

export interface ScheduledEvent {
  kind: ScheduledEventKind;
  /** "Motion Hearing", "Responses due", "Oral argument". */
  title: string;
  start: EventStart;
  /** IANA zone of `start.time`: the court's, unless the text names another ("5 p.m. (CDT)"). */
  timeZone: string;
  location: string | null;
  /** "Judge Paula Xinis", "Magistrate Judge Zia M. Faruqui". */
  judge: string | null;
  /** The sentence the event was read from. */
  sourceText: string;
  /** The text vacates, cancels or terminates this setting. */
  cancelled: boolean;
  /** The setting replaces an earlier one ("RESET for", "continued to"). */
  rescheduled: boolean;
  /** The start it replaces, when the text gives it ("… set for 4/15/2025 is RESET for 4/16/2025"). */
  previousStart: EventStart | null;
}

export interface ExtractOptions {
  /** The court's IANA zone, e.g. America/New_York. */
  timeZone: string;
  /** Dates written without a year ("April 15") are placed on or after 60 days before this; without it they are skipped. */
  reference?: Date;
}

// ---------------------------------------------------------------------------------------------
// Building blocks

const MONTH = String.raw`(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)`;
const WEEKDAY = String.raw`(?:Mon(?:day)?|Tue(?:s(?:day)?)?|Wed(?:nesday)?|Thu(?:r(?:s(?:day)?)?)?|Fri(?:day)?|Sat(?:urday)?|Sun(?:day)?)\.?`;
const TIME = String.raw`(?:\d{1,2}(?::[0-5]\d)?\s*[ap]\.?\s?m\.?(?![a-z])|(?:[01]?\d|2[0-3]):[0-5]\d(?!\s*[ap]\.?\s?m)(?![\d:])|noon|midnight)`;
const ZONE = String.raw`(?:[ECMP][SD]?T|AK[SD]T|HST|(?:Eastern|Central|Mountain|Pacific)(?:\s+(?:Standard|Daylight|Prevailing))?(?:\s+Time)?)\b`;

const DATE_RE = new RegExp(
  [
    String.raw`(?<![\d/.-])(?<nm>\d{1,2})/(?<nd>\d{1,2})/(?<ny>\d{4}|\d{2})(?![\d/])`,
    String.raw`(?<![\d-])(?<iy>\d{4})-(?<im>\d{2})-(?<id>\d{2})(?![\d-])`,
    String.raw`\b(?<tm>${MONTH})\.?\s+(?<td>\d{1,2})(?:st|nd|rd|th)?(?![\d:])(?:\s*,?\s*(?<ty>\d{4})(?!\d))?`,
  ].join('|'),
  'gi',
);

const ZONES: [RegExp, string][] = [
  [/^(?:E[SD]?T|Eastern)/i, 'America/New_York'],
  [/^(?:C[SD]?T|Central)/i, 'America/Chicago'],
  [/^(?:M[SD]?T|Mountain)/i, 'America/Denver'],
  [/^(?:P[SD]?T|Pacific)/i, 'America/Los_Angeles'],
  [/^AK[SD]T/i, 'America/Anchorage'],
  [/^HST/i, 'Pacific/Honolulu'],
];

/** Words after which a full stop does not end a sentence. */
const ABBREVIATIONS = new Set(
  (
    'no nos hon mr ms mrs dr jr sr st v vs inc co corp ltd llc jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun ' +
    'ct cir dist ave rm ctrm fed civ crim cv cr al e.g i.e u.s u.s.a d.c n.d s.d e.d w.d m.d d.md d.d.c approx ex doc docs dkt ecf para pp p'
  ).split(' '),
);

function sentenceBoundaries(text: string): number[] {
  const ends: number[] = [];
  for (const m of text.matchAll(/[.!?;]+(?=\s|$)|:(?!\d)|\s[-–—]{1,2}\s/g)) {
    const at = m.index ?? 0;
    if (m[0].startsWith('.')) {
      const word = /([A-Za-z][A-Za-z.]*)$/.exec(text.slice(Math.max(0, at - 12), at))?.[1] ?? '';
      const lower = word.toLowerCase();
      if (/^[A-Z]$/.test(word)) continue; // an initial: "James E. Boasberg"
      if (/^[ap]\.m$/.test(lower)) {
        // "5 p.m. Replies due …" ends a sentence; "5 p.m. EDT", "10 a.m. on" and "a.m. in" do not.
        const next = /^\s+(\S+)/.exec(text.slice(at + 1))?.[1] ?? '';
        if (!/^[A-Z][a-z]/.test(next) || new RegExp(`^(?:${ZONE}|${MONTH}|${WEEKDAY})`, 'i').test(next)) continue;
      } else if (ABBREVIATIONS.has(lower)) continue;
    }
    ends.push(at + m[0].length);
  }
  return ends;
}

/** The last boundary at or before `at` (0 if none); boundaries are ascending. */
function lastBoundary(boundaries: readonly number[], at: number): number {
  let found = 0;
  for (const b of boundaries) {
    if (b > at) break;
    found = b;
  }
  return found;
}

/** The first boundary after `at` (`end` if none). */
function nextBoundary(boundaries: readonly number[], at: number, end: number): number {
  for (const b of boundaries) if (b > at) return b;
  return end;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function isoDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1900 || year > 2199) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

interface FoundDate {
  index: number;
  end: number;
  date: string;
}

function findDates(text: string, reference: Date | undefined, timeZone: string): FoundDate[] {
  const found: FoundDate[] = [];
  for (const m of text.matchAll(DATE_RE)) {
    const g = m.groups ?? {};
    let date: string | null = null;
    if (g.nm && g.nd && g.ny) {
      const y = Number(g.ny);
      date = isoDate(g.ny.length === 2 ? 2000 + y : y, Number(g.nm), Number(g.nd));
    } else if (g.iy && g.im && g.id) {
      date = isoDate(Number(g.iy), Number(g.im), Number(g.id));
    } else if (g.tm && g.td) {
      const month = MONTH_NUMBERS[g.tm.slice(0, 3).toLowerCase()] ?? 0;
      const day = Number(g.td);
      if (g.ty) date = isoDate(Number(g.ty), month, day);
      else if (reference) date = inferYear(month, day, reference, timeZone);
    }
    if (date) found.push({ index: m.index ?? 0, end: (m.index ?? 0) + m[0].length, date });
  }
  return found;
}

/** The first occurrence of month/day on or after 60 days before the reference (courts rarely write old dates without a year). */
function inferYear(month: number, day: number, reference: Date, timeZone: string): string | null {
  const today = wallTimeAt(reference.getTime(), timeZone);
  const floor = Date.UTC(today.year, today.month - 1, today.day) - 60 * 86_400_000;
  for (const year of [today.year - 1, today.year, today.year + 1]) {
    const date = isoDate(year, month, day);
    if (date && Date.parse(`${date}T00:00:00Z`) >= floor) return date;
  }
  return null;
}

function parseTime(raw: string | undefined): string | null {
  if (!raw) return null;
  const t = raw.toLowerCase().replace(/\s+/g, '');
  if (t === 'noon') return '12:00';
  if (t === 'midnight') return '00:00';
  const m = /^(\d{1,2})(?::(\d{2}))?(?:([ap])\.?m\.?)?$/.exec(t);
  if (!m) return null;
  let hour = Number(m[1]);
  const minute = Number(m[2] ?? '0');
  if (m[3]) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (m[3] === 'p' ? 12 : 0);
  }
  if (hour > 23 || minute > 59) return null;
  return `${pad2(hour)}:${pad2(minute)}`;
}

function zoneFor(abbreviation: string | undefined): string | null {
  if (!abbreviation) return null;
  return ZONES.find(([re]) => re.test(abbreviation))?.[1] ?? null;
}

// ---------------------------------------------------------------------------------------------
// What precedes a date: "<name> <trigger> [at TIME] [on] [Weekday,]"

const FILLER = String.raw`(?:(?:on|at|by|for|of|before)\s+)?(?:the\s+)?(?:(?<ptime>${TIME})\s*(?:\(?(?<pzone>${ZONE})\)?)?\s*,?\s*(?:on\s+|of\s+)?)?(?:(?:on\s+)?${WEEKDAY}\s*,?\s*)?(?:the\s+)?`;

const TRIGGER = [
  String.raw`(?<setwhat>set\s+for\s+(?<what>(?:oral\s+)?argument|(?:an?\s+)?(?:evidentiary\s+)?hearing|(?:a\s+)?(?:jury\s+|bench\s+)?trial|(?:a\s+)?(?:status\s+)?conference|sentencing))(?:\s+(?:on|for|at))?`,
  String.raw`(?<conf>for\s+(?:the\s+)?conference\s+(?:of|on))`,
  String.raw`(?<setting>(?:re-?)?(?:setting|scheduling)\s+(?:an?\s+|the\s+)?(?<settingname>[^.;:]{1,80}?)\s+(?:for|on))`,
  String.raw`(?<hold>(?:will|shall)\s+(?:hold|conduct|convene)\s+(?:an?\s+|the\s+)?(?<holdname>[^.;:]{1,80}?)\s+on)`,
  String.raw`(?<reset>(?:re-?set|re-?scheduled|continued|postponed|moved|adjourned|changed|advanced)\s+(?:to|for|until|till|on))`,
  String.raw`(?<extend>(?<extverb>extend(?:ed|ing))\b(?<extwhat>[^.;:]{0,120}?)\s+(?:to|until|through|up\s+to\s+and\s+including))`,
  String.raw`(?<set>(?:set|scheduled|calendared|noticed|specially\s+set|(?:will|shall)\s+(?:be\s+)?(?:held|heard|convened?|commence|begin|take\s+place))(?:\s+(?:for|on|at))?)`,
  String.raw`(?<due>due(?:\s+(?:by|on|before|no\s+later\s+than|not\s+later\s+than))?)`,
  String.raw`(?<nlt>no\s+later\s+than|not\s+later\s+than|on\s+or\s+before)`,
  String.raw`(?<by>by|before)`,
  String.raw`(?<from>from)`,
  String.raw`(?<to>to)`,
].join('|');

/** The time and zone right after a date: "4/15/2025 10:00 AM", "April 15, 2025, at 3:00 p.m. (EDT)". */
const TIME_AFTER_RE = new RegExp(
  String.raw`^\s*,?\s*(?:(?:at|@|by|from|beginning\s+at|commencing\s+at)\s*)?(?<time>${TIME})(?:\s*(?:-|–|to|until)\s*${TIME})?\s*(?:\(?(?<zone>${ZONE})\)?)?`,
  'i',
);
/** At most this much text before a date is read for what it schedules. */
const MAX_CLAUSE = 240;

const PRE_RE = new RegExp(String.raw`^(?<name>.*?)(?:^|\b)(?:${TRIGGER})\s*${FILLER}$`, 'is');

const OBLIGATION =
  /\b(?:shall|must|should|may|(?:is|are)\s+(?:hereby\s+)?(?:directed|ordered|required|to)|ordered\s+to|directed\s+to|required\s+to|will\s+(?:file|submit|respond|serve))\b/i;
const CANCELLED_AFTER = /\b(?:vacated|cancell?ed|terminated|stricken|withdrawn|(?:is|are)\s+off\s+(?:the\s+)?calendar)\b/i;
/** Participles only: "ORDER VACATING the hearing set for …", never "Motion to Vacate … Hearing set for …". */
const CANCELLING_BEFORE = /\b(?:vacat(?:ed|ing)|cancel(?:l?ed|l?ing)|terminat(?:ed|ing)|striking|stricken)\b/i;
const SUPERSEDED_AFTER =
  /^\s*,?\s*(?:(?:is|are|has\s+been|have\s+been|shall\s+be|will\s+be|be)\s+)?(?:hereby\s+)?(?:re-?set|re-?scheduled|continued|postponed|moved|adjourned|changed|advanced)\b/i;

const RESET_VERB =
  /\b(?:re-?set(?:ting)?|re-?schedul(?:e|ed|ing)|continu(?:e|ed|ing)|postpon(?:e|ed|ing)|mov(?:e|ed|ing)|adjourn(?:ed|ing)?)\b/i;

const JUDGE_RE =
  /\bbefore\s+(?:the\s+)?(?:(?:Honorable|HONORABLE|Hon\.)\s+)?(?<title>(?:(?:Chief|CHIEF|Senior|SENIOR|Presiding|U\.\s?S\.|United\s+States|District|DISTRICT|Magistrate|MAGISTRATE|Bankruptcy|BANKRUPTCY|Circuit|Associate)\s+)*(?:Judge|JUDGE|Justice|JUSTICE)s?\s+)?(?<name>(?:[A-Z][A-Za-z'’-]+|[A-Z]\.)(?:\s+(?:[A-Z][A-Za-z'’-]+|[A-Z]\.|de|van|von|del|da|la|St\.))*(?:,?\s+(?:Jr|Sr)\.?|\s+(?:II|III|IV))?)/;

const LOCATION_RE =
  /\b(?:in|at)\s+(?<loc>(?:(?:the\s+)?(?:[A-Z][\w.'’-]*\s+){0,4})(?:Courtroom|COURTROOM|Court\s?room|Ctrm\.?|Room|ROOM|Chambers|CHAMBERS|Courthouse|Hearing\s+Room|Conference\s+Room)\b.*?)(?=\s*,?\s+before\b|\s+(?:is|are|and)\s|\s*\(|\s*[.;]?\s*$)/;
const REMOTE_RE =
  /\b(?:via|by)\s+(?<remote>video\s?conference|video\s?teleconference|video|VTC|Zoom(?:\s?Gov)?|Microsoft\s+Teams|Teams|Webex|WebEx|tele(?:phone|conference)|phone)\b/i;

const KNOWN_ACRONYMS = new Set(['TRO', 'PI', 'ADR', 'US', 'USA', 'ICE', 'DHS', 'DOJ', 'ECF', 'CJA', 'FTCA']);

function titleCaseIfShouting(text: string): string {
  if (/[a-z]/.test(text) || !/[A-Z]{3}/.test(text)) return text;
  return text
    .split(/(\s+)/)
    .map((w) => (KNOWN_ACRONYMS.has(w.replace(/[^A-Z]/g, '')) || /\d/.test(w) ? w : w.charAt(0) + w.slice(1).toLowerCase()))
    .join('');
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function balanceParens(text: string): string {
  let out = text;
  for (let i = 0; i < 3; i++) {
    const open = (out.match(/\(/g) ?? []).length;
    const close = (out.match(/\)/g) ?? []).length;
    if (open === close) break;
    out = open > close ? out.replace(/\s*\([^()]*$/, '') : out.replace(/^[^()]*\)\s*/, '');
  }
  return out;
}

/** From the words before a trigger to a title: "MINUTE ORDER VACATING the Motion Hearing" → "Motion Hearing". */
function cleanName(raw: string): string {
  let name = raw.replace(/\s+/g, ' ');
  name = name.replace(/\s+before\s+(?:the\s+)?(?:Hon(?:orable|\.)\s+)?(?:[A-Z][\w.]*\s+)*(?:Judge|Justice)\b.*$/i, '');
  name = name.replace(/\s+(?:requested|ordered|directed|filed|entered|submitted)\s+by\s+.*$/i, '');
  let previous = '';
  while (previous !== name) {
    previous = name;
    name = name
      .replace(/^[\s,;:.)\]\-–—]+/, '')
      .replace(/^(?:and|or|&|also|further|additionally|accordingly|it\s+is\s+further|ordered)\b[\s,:]*/i, '')
      .replace(
        /^(?:(?:paperless|minute|marginal|text|scheduling|amended|electronic|clerk'?s)\s+)*(?:order|notice|entry)\b\s*(?:[:-]\s*)?(?=\S)/i,
        '',
      )
      .replace(/^(?:set\/reset\s+(?:hearings|deadlines)(?:\/(?:hearings|deadlines))?(?:\s+as\s+to\s+.*)?)\b\s*/i, '')
      .replace(/^(?:vacating|cancell?ing|terminating|resetting|rescheduling|setting|continuing|granting|ordering|that|if\s+any,?)\s+/i, '')
      .replace(/^(?:the|a|an)\s+/i, '')
      .replace(/^(?:previously|currently|presently|originally)(?:\s+|$)/i, '')
      .replace(/^(?:is|are|was|were|has\s+been|have\s+been|shall\s+be|will\s+be|be|hereby)(?:\s+|$)/i, '')
      .replace(/[\s,;:.\-–—]+$/, '')
      .replace(/\s+(?:(?:is|are)\s+)?to\s+be\s+(?:filed|submitted|served)$/i, '')
      .replace(/\s+(?:is|are|has\s+been|have\s+been|was|were|be|hereby|previously|currently|presently|originally|now|also)$/i, '')
      .replace(/\s+(?:requested|filed|submitted)$/i, '');
  }
  // "In light of the joint motion, the hearing" → "the hearing": the noun phrase is after the last comma.
  const lastClause = /,\s+(?!(?:Inc|LLC|Ltd|Jr|Sr|et\s+al)\b)([^,]+)$/i.exec(name);
  if (lastClause?.[1]) {
    const named = cleanName(lastClause[1]);
    return named || cleanName(name.slice(0, lastClause.index));
  }
  name = balanceParens(name).trim();
  if (name.length > 90) name = `${name.slice(0, 89).replace(/\s+\S*$/, '')}…`;
  return titleCaseIfShouting(name);
}

/** "The parties shall file a joint status report" → "Joint status report". */
function obligationTitle(clause: string): string | null {
  const m =
    /\b(?:shall|must|should|may|(?:is|are)\s+(?:hereby\s+)?(?:directed|ordered|required)\s+to|(?:is|are)\s+to|ordered\s+to|directed\s+to|required\s+to|will)\s+(?<verb>file|submit|serve|produce|provide|respond|reply|answer|show\s+cause|confer|complete|notify|move)\b(?<obj>.*)$/i.exec(
      clause,
    );
  if (!m?.groups) return null;
  const verb = (m.groups.verb ?? '').toLowerCase().replace(/\s+/g, ' ');
  const obj = (m.groups.obj ?? '')
    .replace(/^\s*(?:(?:a|an|the|their|its|his|her|any|one|all)\s+)+/i, '')
    .replace(/[\s,.]+$/, '')
    .replace(/\s+(?:is|are|be|hereby)$/i, '')
    .trim();
  switch (verb) {
    case 'respond':
      return `Response${obj ? ` ${obj}` : ''}`;
    case 'reply':
      return `Reply${obj ? ` ${obj}` : ''}`;
    case 'answer':
      return 'Answer';
    case 'show cause':
      return 'Response to order to show cause';
    case 'file':
      return obj ? capitalise(obj) : 'Filing';
    case 'submit':
    case 'serve':
    case 'produce':
    case 'provide':
      return obj ? capitalise(obj) : capitalise(verb);
    default:
      return capitalise(`${verb}${obj ? ` ${obj}` : ''}`);
  }
}

/** "the time to file a response" → " shall file a response", so obligationTitle can name it. */
function timeToObligation(text: string): string {
  return text.replace(
    /\b(?:the\s+)?(?:time|deadline|date)\s+(?:(?:with)?in\s+which\s+)?(?:for\s+\S+\s+)?to\s+(?=(?:file|submit|serve|respond|reply|answer)\b)/i,
    ' shall ',
  );
}

function classify(name: string, fallback: ScheduledEventKind): ScheduledEventKind {
  if (/\bargument\b/i.test(name)) return 'argument';
  if (/\bconference\b|\bstatus\s+call\b/i.test(name)) return 'conference';
  if (/\b(?:jury\s+selection|voir\s+dire)\b/i.test(name) || (/\btrial\b/i.test(name) && !/\bpre-?\s?trial\b/i.test(name))) return 'trial';
  if (/\bhearing|sentencing|arraignment|appearance|plea\b|detention|show\s+cause|proceeding/i.test(name)) return 'hearing';
  if (
    /\b(?:deadline|due|restriction|reports?|briefs?|response|responses|reply|replies|filings?|disclosures?|discovery|objections?|motions|answer|pleadings|memorand|submissions?)\b/i.test(
      name,
    )
  ) {
    return 'deadline';
  }
  return fallback;
}

const DEFAULT_TITLE: Record<ScheduledEventKind, string> = {
  hearing: 'Hearing',
  deadline: 'Deadline',
  conference: 'Conference',
  trial: 'Trial',
  argument: 'Oral argument',
};

function deadlineTitle(name: string): string {
  if (!name) return DEFAULT_TITLE.deadline;
  return /\b(?:deadline|due)$/i.test(name) ? capitalise(name) : `${capitalise(name)} due`;
}

// ---------------------------------------------------------------------------------------------

interface Pending {
  title: string;
  kind: ScheduledEventKind;
  start: EventStart;
  location: string | null;
  judge: string | null;
  /** Only a following "to <date>" completes it (… continued from 4/15/2025 to 4/22/2025). */
  fromTo: boolean;
}

function findJudge(text: string): string | null {
  const m = JUDGE_RE.exec(text);
  if (!m?.groups?.name) return null;
  const title = titleCaseIfShouting((m.groups.title ?? 'Judge ').trim()).replace(/s$/, '');
  const name = titleCaseIfShouting(m.groups.name.trim()).replace(/\s+(?:In|IN)$/, '');
  if (/^(?:Court|The|This)$/.test(name)) return null;
  return `${title} ${name}`;
}

function findLocation(tail: string): string | null {
  const loc = LOCATION_RE.exec(tail)?.groups?.loc;
  if (loc) return loc.replace(/^the\s+/i, '').replace(/[\s,;:\-–—]+$/, '');
  const remote = REMOTE_RE.exec(tail)?.groups?.remote;
  if (remote)
    return capitalise(
      remote
        .toLowerCase()
        .replace(/^zoom/, 'Zoom')
        .replace(/^vtc$/, 'VTC')
        .replace(/^webex$/, 'Webex'),
    );
  return null;
}

/** The entry's text and what is read from it once. */
interface EntryText {
  text: string;
  boundaries: number[];
  dates: FoundDate[];
  courtZone: string;
}

type TriggerGroups = Record<string, string | undefined>;

/** One date in the text with the words around it that say what it is. */
interface DateMention {
  start: EventStart;
  groups: TriggerGroups | undefined;
  /** What the scheduling phrase names ("Motion Hearing" in "Motion Hearing set for"). */
  name: string;
  /** The rest of the clause after the date and its time. */
  tail: string;
  zone: string | null;
  sentenceStart: number;
  sentenceEnd: number;
  /** Where the date and a time written after it end. */
  dateEnd: number;
}

/** How an event is named: its kind and title, and the setting it replaces, if any. */
interface EventNaming {
  kind: ScheduledEventKind;
  title: string;
  rescheduled: boolean;
  previousStart: EventStart | null;
}

const RESCHEDULING_VERB = /\b(?:re-?set|re-?schedul\w*|continu\w*|postpon\w*|mov(?:ed|ing)|adjourn\w*|chang\w*|advanc\w*)\b/i;

function readMention(entry: EntryText, index: number, consumedTo: number): DateMention {
  const { text, boundaries, dates } = entry;
  const d = dates[index]!;
  const next = dates[index + 1];
  const sentenceStart = lastBoundary(boundaries, d.index);
  const clauseStart = Math.max(consumedTo, sentenceStart);
  const sentenceEnd = nextBoundary(boundaries, d.end, text.length);
  // What names the event is close to the date; a bounded window keeps the matching linear on long entries.
  const pre = text.slice(Math.max(clauseStart, d.index - MAX_CLAUSE), d.index);
  const after = TIME_AFTER_RE.exec(text.slice(d.end, next ? next.index : sentenceEnd));
  const dateEnd = d.end + (after ? after[0].length : 0);
  const tailEnd = Math.min(sentenceEnd, next ? next.index : text.length);
  const groups: TriggerGroups | undefined = PRE_RE.exec(pre)?.groups;
  return {
    start: { date: d.date, time: parseTime(groups?.ptime ?? after?.groups?.time) },
    groups,
    name: groups?.name ?? '',
    tail: text.slice(dateEnd, Math.max(dateEnd, tailEnd)),
    zone: zoneFor(groups?.pzone ?? after?.groups?.zone),
    sentenceStart,
    sentenceEnd,
    dateEnd,
  };
}

/** "… continued from 4/15/2025 to 4/22/2025": the first date, waiting for its "to". */
function continuedFrom(mention: DateMention): Pending | null {
  const { name, start, tail } = mention;
  const verb = RESCHEDULING_VERB.exec(name);
  if (!verb) return null;
  const before = name.slice(0, verb.index);
  const afterVerb = name.slice(verb.index + verb[0].length);
  const subject = cleanName(`${afterVerb.trim() ? afterVerb : before}`);
  const kind = classify(subject, 'hearing');
  const judge = findJudge(tail) ?? findJudge(name);
  return { title: subject || DEFAULT_TITLE[kind], kind, start, location: findLocation(tail), judge, fromTo: true };
}

const replacing = (pending: Pending): EventNaming => ({
  kind: pending.kind,
  title: pending.title,
  rescheduled: true,
  previousStart: pending.start,
});

/** "Motion Hearing set for …", "SET FOR ARGUMENT on …". */
function nameSetWhat(g: TriggerGroups, name: string, pending: Pending | null): EventNaming {
  const what = cleanName(g.what ?? '');
  const kind = classify(what, 'hearing');
  const title = kind === 'argument' ? DEFAULT_TITLE.argument : capitalise(what.toLowerCase());
  const replaces = pending && !pending.fromTo && !cleanName(name) ? pending : null;
  return { kind, title, rescheduled: replaces !== null, previousStart: replaces?.start ?? null };
}

/** "Setting/Resetting Motion Hearing for …", "will hold a status conference on …". */
function nameSetting(g: TriggerGroups): EventNaming {
  const what = cleanName(g.settingname ?? g.holdname ?? '');
  const kind = classify(what, 'hearing');
  const title = what ? capitalise(what) : DEFAULT_TITLE[kind];
  return { kind, title, rescheduled: /\bre(?:setting|scheduling)\b/i.test(g.setting ?? ''), previousStart: null };
}

/** "Responses due by …", "shall file … by …", "extended to …"; null when "by" follows no obligation. */
function nameDeadline(entry: EntryText, mention: DateMention, g: TriggerGroups): EventNaming | null {
  if (g.by !== undefined && !OBLIGATION.test(mention.name)) return null;
  const extended = g.extend !== undefined;
  const name = timeToObligation(extended ? `${mention.name} ${g.extwhat ?? ''}` : mention.name);
  let cleaned = (OBLIGATION.test(name) ? obligationTitle(name) : null) ?? cleanName(name);
  if (!cleaned) {
    // "Response Requested. (Due May 5, 2025)": the thing due is named in the sentence before.
    const { text, boundaries } = entry;
    const prior = cleanName(text.slice(lastBoundary(boundaries, mention.sentenceStart - 1), mention.sentenceStart));
    if (prior.length <= 60) cleaned = prior;
  }
  return { kind: 'deadline', title: deadlineTitle(cleaned), rescheduled: extended, previousStart: null };
}

/** "set for …", "RESET for …", "will be held on …". */
function nameSetOrReset(g: TriggerGroups, name: string, pending: Pending | null): EventNaming {
  const cleaned = cleanName(name);
  if (!cleaned && pending && !pending.fromTo) return replacing(pending);
  const kind = classify(cleaned, 'hearing');
  const title = kind === 'deadline' ? deadlineTitle(cleaned) : cleaned || DEFAULT_TITLE[kind];
  return { kind, title, rescheduled: g.reset !== undefined, previousStart: null };
}

/** What the scheduling phrase before the date makes of it; null when it schedules nothing. */
function nameEvent(entry: EntryText, mention: DateMention, g: TriggerGroups, pending: Pending | null): EventNaming | null {
  if (g.to !== undefined && pending) return replacing(pending);
  if (g.setwhat !== undefined) return nameSetWhat(g, mention.name, pending);
  if (g.conf !== undefined) return { kind: 'conference', title: 'Conference', rescheduled: false, previousStart: null };
  if (g.setting !== undefined || g.hold !== undefined) return nameSetting(g);
  if (g.due !== undefined || g.nlt !== undefined || g.by !== undefined || g.extend !== undefined) return nameDeadline(entry, mention, g);
  return nameSetOrReset(g, mention.name, pending);
}

/** A setting the next date replaces, as a Pending; null when the clause says nothing of the kind. */
function supersededSetting(mention: DateMention, naming: EventNaming, place: Pick<Pending, 'location' | 'judge'>): Pending | null {
  const { name, tail, start } = mention;
  // "… directed to reset the hearing, previously set for 4/15/2025, to 4/22/2025": the next date replaces this one.
  const resetting = RESET_VERB.exec(name);
  if (resetting && /^\s*,?\s*(?:to|until)\s*$/i.test(tail)) {
    const subject = cleanName(name.slice(resetting.index + resetting[0].length)) || naming.title;
    return { title: subject, kind: classify(subject, naming.kind), start, ...place, fromTo: true };
  }
  // "Motion Hearing set for 4/15/2025 10:00 AM is RESET for …": the next date replaces this one.
  if (SUPERSEDED_AFTER.test(mention.tail)) return { title: naming.title, kind: naming.kind, start, ...place, fromTo: false };
  return null;
}

function addEvent(events: ScheduledEvent[], event: ScheduledEvent): void {
  const duplicate = events.some(
    (e) =>
      e.kind === event.kind &&
      e.title === event.title &&
      e.start.date === event.start.date &&
      e.start.time === event.start.time &&
      e.cancelled === event.cancelled,
  );
  if (!duplicate) events.push(event);
}

/** Reads one date: adds its event, or hands back the setting still waiting for a later date. */
function readDate(entry: EntryText, mention: DateMention, pending: Pending | null, events: ScheduledEvent[]): Pending | null {
  const g = mention.groups;
  if (!g) return null;
  // "… from 4/15/2025 to 4/22/2025": "to" only completes a pending "continued from".
  if (g.to !== undefined && (!pending?.fromTo || cleanName(mention.name) !== '')) return null;
  if (g.from !== undefined) return continuedFrom(mention);
  const naming = nameEvent(entry, mention, g, pending);
  if (!naming) return null;
  const carried = naming.previousStart ? pending : null;
  const location = findLocation(mention.tail) ?? carried?.location ?? null;
  const judge = findJudge(mention.tail) ?? findJudge(mention.name) ?? carried?.judge ?? null;
  const superseded = supersededSetting(mention, naming, { location, judge });
  if (superseded) return superseded;
  addEvent(events, {
    kind: naming.kind,
    title: capitalise(naming.title.trim()) || DEFAULT_TITLE[naming.kind],
    start: mention.start,
    timeZone: mention.start.time ? (mention.zone ?? entry.courtZone) : entry.courtZone,
    location,
    judge,
    sourceText: entry.text.slice(mention.sentenceStart, mention.sentenceEnd).trim(),
    cancelled: CANCELLED_AFTER.test(mention.tail) || CANCELLING_BEFORE.test(mention.name),
    rescheduled: naming.rescheduled,
    previousStart: naming.previousStart,
  });
  return null;
}

/**
 * Hearings, deadlines, conferences, trials and arguments that a docket entry's text schedules, with
 * the date and time as the court wrote them (in its zone). Only dates introduced by a scheduling
 * phrase count ("set for", "due by", "RESET for", "shall file … by", "SET FOR ARGUMENT on",
 * "DISTRIBUTED for Conference of"); filing, signing, entry and past-hearing dates ("filed on",
 * "Signed by … on", "held on", "(Entered: …)") are ignored.
 */
export function extractScheduledEvents(input: string, options: ExtractOptions): ScheduledEvent[] {
  const courtZone = assertTimeZone(options.timeZone);
  const text = input.replace(/[\p{Cc}\u2028\u2029\s]+/gu, ' ').trim();
  if (!text) return [];
  const entry: EntryText = { text, boundaries: sentenceBoundaries(text), dates: findDates(text, options.reference, courtZone), courtZone };
  const events: ScheduledEvent[] = [];
  let consumedTo = 0;
  let pending: Pending | null = null;
  for (let index = 0; index < entry.dates.length; index++) {
    const mention = readMention(entry, index, consumedTo);
    consumedTo = mention.dateEnd;
    pending = readDate(entry, mention, pending, events);
  }
  return events;
}
