import type { PersonData } from '../records/kinds/person.ts';
import type { NoticeTypeSpec } from './types.ts';
import { dataErrors } from './validate.ts';

/**
 * The automatic checks a request goes through before a reviewer looks at it: required data
 * present and consistent, penalty threshold, dates, duplicates of a notice on the same
 * person, the subject a recognised refugee, the requester's own national, and words in the
 * facts that suggest a political, military, religious or racial character or a private
 * matter. Pure: the service gathers what the checks need (existing notices, the refugee
 * list) and stores the findings with the request. Findings advise; the reviewer decides.
 */

export type CheckName =
  | 'required-data'
  | 'consistency'
  | 'penalty-threshold'
  | 'dates'
  | 'duplicates'
  | 'refugee'
  | 'own-national'
  | 'neutrality'
  | 'seriousness';

export interface Finding {
  check: CheckName;
  /** ok: the check passed; info: worth knowing; warning: look closely; error: a rule is not met. */
  severity: 'ok' | 'info' | 'warning' | 'error';
  message: string;
  field?: string;
  /**
   * For the secretariat's reviewers only. The list of recognised refugees is confidential: a
   * requesting country must not learn from its own request that the person is protected, nor
   * by whom (it could probe the list by submitting requests). A notice on the same person made
   * by another member may not be one the requester can see.
   */
  reviewerOnly?: true;
}

export interface CheckInput {
  spec: NoticeTypeSpec;
  kind: 'notice' | 'diffusion';
  data: Record<string, unknown>;
  subject: PersonData | null;
  requesterCountry: string | null;
  /** YYYY-MM-DD, from the injected clock. */
  today: string;
  duplicates: { reference: string; type: string; status: string; how: 'same-record' | 'same-person' }[];
  protectedMatches: {
    name: string;
    status: string;
    againstCountry: string | null;
    recognisedBy: string;
    band: string;
  }[];
  assetCount: number;
}

/** Red Notices: offences punishable by at least two years, or a sentence of at least six months still to serve. */
export const MIN_PENALTY_YEARS = 2;
export const MIN_REMAINING_MONTHS = 6;

/** Words that suggest the matter is not an ordinary-law crime (Article 3), checked in the facts and charges. */
const NEUTRALITY_TERMS: [RegExp, string][] = [
  [/\b(treason|sedition|subversion|insult(ing)? the (president|head of state|king|nation))\b/i, 'political'],
  [
    /\b(political|opposition (party|leader)|dissident|protest(er|ers)?|demonstrat(ion|or|ors))\b/i,
    'political',
  ],
  [/\b(desertion|deserter|draft evasion|insubordination|military secret)\b/i, 'military'],
  [/\b(blasphemy|apostasy|heresy|proselyti[sz]ing|religious conversion)\b/i, 'religious'],
  [/\b(ethnic(ity)?|tribe|tribal origin|racial|race)\b/i, 'racial'],
  [/\b(espionage|spying|state secrets?)\b/i, 'political'],
];
const PRIVATE_TERMS =
  /\b(unpaid debt|civil debt|breach of contract|bounced cheque|dishonou?red cheque|alimony|custody dispute|defamation|libel|adultery|traffic offen[cs]e)\b/i;

const TEXT_FIELDS = [
  'facts',
  'circumstances',
  'activities',
  'threatAssessment',
  'informationSought',
  'modusOperandi',
];

function freeTexts(data: Record<string, unknown>): { field: string; text: string }[] {
  const out: { field: string; text: string }[] = [];
  for (const key of TEXT_FIELDS)
    if (typeof data[key] === 'string') out.push({ field: `/${key}`, text: data[key] });
  const warrants = Array.isArray(data.warrants) ? (data.warrants as Record<string, unknown>[]) : [];
  warrants.forEach((w, i) => {
    if (typeof w.charges === 'string') out.push({ field: `/warrants/${i}/charges`, text: w.charges });
  });
  if (typeof data.offence === 'string') out.push({ field: '/offence', text: data.offence });
  if (typeof data.offences === 'string') out.push({ field: '/offences', text: data.offences });
  return out;
}

function years(fromIso: string, toIso: string): number {
  const [fy, fm = 1, fd = 1] = fromIso.split('-').map(Number);
  const [ty, tm = 1, td = 1] = toIso.split('-').map(Number);
  let age = ty! - fy!;
  if (tm < fm || (tm === fm && td < fd)) age--;
  return age;
}

export function runChecks(input: CheckInput): Finding[] {
  const { spec, data, subject, today } = input;
  const findings: Finding[] = [];
  const add = (f: Finding) => findings.push(f);

  // Required data present.
  const missing = dataErrors(spec, data, 'submit', '').filter(
    (e) => e.message === 'is required' || e.message.startsWith('at least'),
  );
  const subjectMissing = subject
    ? spec.subjectRequires.filter((f) => {
        const v = subject[f];
        return v === undefined || (Array.isArray(v) && v.length === 0);
      })
    : spec.subject === 'person'
      ? ['record']
      : [];
  for (const e of missing)
    add({
      check: 'required-data',
      severity: 'error',
      field: e.field,
      message: `${e.field.slice(1)} ${e.message}`,
    });
  for (const f of subjectMissing)
    add({
      check: 'required-data',
      severity: 'error',
      field: `/subject/${f}`,
      message: `the subject’s ${f} is missing`,
    });
  if (spec.subject === 'assets' && input.assetCount === 0)
    add({
      check: 'required-data',
      severity: 'error',
      field: '/assetRecordIds',
      message: 'no asset is named',
    });
  if (
    missing.length === 0 &&
    subjectMissing.length === 0 &&
    !(spec.subject === 'assets' && input.assetCount === 0)
  )
    add({ check: 'required-data', severity: 'ok', message: 'every required field is present' });

  // Consistency.
  const before = findings.length;
  const warrants = Array.isArray(data.warrants) ? (data.warrants as Record<string, unknown>[]) : [];
  if (data.extraditionCommitment === false)
    add({
      check: 'consistency',
      severity: 'error',
      field: '/extraditionCommitment',
      message: 'the requesting country does not commit to seek extradition',
    });
  warrants.forEach((w, i) => {
    if (input.requesterCountry && w.issuingCountry && w.issuingCountry !== input.requesterCountry)
      add({
        check: 'consistency',
        severity: 'warning',
        field: `/warrants/${i}/issuingCountry`,
        message: `warrant issued by ${w.issuingCountry}, request made by ${input.requesterCountry}`,
      });
    if (w.kind === 'arrest-warrant' && w.sentenceRemainingMonths !== undefined)
      add({
        check: 'consistency',
        severity: 'warning',
        field: `/warrants/${i}/sentenceRemainingMonths`,
        message: 'a sentence still to serve is given for an arrest warrant, not a judicial decision',
      });
  });
  if (subject && spec.subjectStatus && !spec.subjectStatus.includes(subject.status ?? ''))
    add({
      check: 'consistency',
      severity: 'warning',
      field: '/subject/status',
      message: subject.status
        ? `the subject’s record says “${subject.status}”, expected ${spec.subjectStatus.join(' or ')}`
        : `the subject’s record gives no status, expected ${spec.subjectStatus.join(' or ')}`,
    });
  if (findings.length === before)
    add({ check: 'consistency', severity: 'ok', message: 'no contradiction found' });

  // Penalty threshold (types with judicial data).
  if (warrants.length > 0) {
    const short = warrants
      .map((w, i) => ({ w, i }))
      .filter(({ w }) => {
        if (w.kind === 'judicial-decision' && typeof w.sentenceRemainingMonths === 'number')
          return w.sentenceRemainingMonths < MIN_REMAINING_MONTHS;
        return (
          !w.lifeImprisonment &&
          typeof w.maxPenaltyYears === 'number' &&
          w.maxPenaltyYears < MIN_PENALTY_YEARS
        );
      });
    if (short.length === warrants.length)
      add({
        check: 'penalty-threshold',
        severity: 'error',
        field: `/warrants/${short[0]!.i}/maxPenaltyYears`,
        message: `no offence is punishable by at least ${MIN_PENALTY_YEARS} years (or ${MIN_REMAINING_MONTHS} months still to serve)`,
      });
    else if (short.length > 0)
      add({
        check: 'penalty-threshold',
        severity: 'warning',
        field: `/warrants/${short[0]!.i}/maxPenaltyYears`,
        message: `${short.length} of ${warrants.length} offences are below the threshold; the others meet it`,
      });
    else add({ check: 'penalty-threshold', severity: 'ok', message: 'the penalty threshold is met' });
  }

  // Dates.
  const datesBefore = findings.length;
  const dob = subject?.dateOfBirth;
  const dateFields: { field: string; value: string; what: string }[] = [];
  warrants.forEach((w, i) => {
    if (typeof w.date === 'string')
      dateFields.push({ field: `/warrants/${i}/date`, value: w.date, what: 'the warrant' });
  });
  for (const key of ['disappearanceDate', 'discoveryDate', 'listedOn'])
    if (typeof data[key] === 'string')
      dateFields.push({ field: `/${key}`, value: data[key] as string, what: key });
  for (const d of dateFields) {
    if (d.value > today)
      add({
        check: 'dates',
        severity: 'error',
        field: d.field,
        message: `${d.what} is dated in the future (${d.value})`,
      });
    else if (dob && d.value.slice(0, dob.length) < dob)
      add({
        check: 'dates',
        severity: 'error',
        field: d.field,
        message: `${d.what} (${d.value}) is before the subject’s birth (${dob})`,
      });
    else if (d.value < '1950-01-01')
      add({
        check: 'dates',
        severity: 'warning',
        field: d.field,
        message: `${d.what} is very old (${d.value})`,
      });
  }
  if (dob) {
    const age = years(dob, today);
    const firstWarrant = warrants.find((w) => typeof w.date === 'string')?.date as string | undefined;
    if (age > 100)
      add({
        check: 'dates',
        severity: 'warning',
        field: '/subject/dateOfBirth',
        message: `the subject would be ${age} years old`,
      });
    if (firstWarrant && dob.length === 10 && years(dob, firstWarrant) < 18)
      add({
        check: 'dates',
        severity: 'warning',
        field: '/subject/dateOfBirth',
        message: 'the subject was a minor when the warrant was issued',
      });
  }
  if (findings.length === datesBefore)
    add({ check: 'dates', severity: 'ok', message: 'dates are plausible' });

  // Duplicates. Those on the same person by name are the reviewers' only (another member's
  // notice may be one the requester may not see) — and so is their absence: the requester's
  // view is the same whether or not one exists, or a request would probe for notices.
  for (const d of input.duplicates)
    add({
      check: 'duplicates',
      severity: d.how === 'same-record' && d.type === spec.type ? 'error' : 'warning',
      message: `${d.how === 'same-record' ? 'the same person record' : 'a person of the same name and birth date'} is the subject of ${d.type} ${d.reference} (${d.status})`,
      ...(d.how === 'same-person' ? { reviewerOnly: true as const } : {}),
    });
  if (!input.duplicates.some((d) => d.how === 'same-record'))
    add({ check: 'duplicates', severity: 'ok', message: 'no other notice on this person record' });

  // Refugee status.
  if (spec.subject === 'person' || spec.subject === 'person-optional') {
    if (input.protectedMatches.length > 0) {
      for (const p of input.protectedMatches) {
        const against = p.againstCountry && p.againstCountry === input.requesterCountry;
        add({
          check: 'refugee',
          reviewerOnly: true,
          severity: against ? 'error' : 'warning',
          message: `${p.band} match with ${p.name}, ${p.status} recognised by ${p.recognisedBy}${p.againstCountry ? ` (from ${p.againstCountry})` : ''}${against ? ': the request comes from that country' : ''}`,
        });
      }
    } else
      add({
        check: 'refugee',
        reviewerOnly: true,
        severity: 'ok',
        message: 'not on the list of recognised refugees',
      });
  }

  // The requester's own national: a Red Notice for a national of the requesting country
  // only is normal; one for a national of the country where the person is protected is not
  // — what matters is that the reviewer sees it.
  if (subject?.nationalities?.length && input.requesterCountry && spec.type === 'red') {
    const own = subject.nationalities.includes(input.requesterCountry);
    add({
      check: 'own-national',
      severity: own ? 'info' : 'ok',
      message: own
        ? `the subject is a national of the requesting country (${input.requesterCountry})`
        : 'the subject is a foreign national for the requesting country',
    });
  }

  // Article 3 and seriousness: words in the facts and charges.
  const texts = freeTexts(data);
  const neutrality = texts.flatMap(({ field, text }) =>
    NEUTRALITY_TERMS.flatMap(([re, what]) => {
      const m = re.exec(text);
      return m ? [{ field, what, word: m[0] }] : [];
    }),
  );
  for (const n of neutrality)
    add({
      check: 'neutrality',
      severity: 'warning',
      field: n.field,
      message: `mentions “${n.word}”: check the matter has no ${n.what} character`,
    });
  if (neutrality.length === 0)
    add({
      check: 'neutrality',
      severity: 'ok',
      message: 'nothing suggests a political, military, religious or racial character',
    });
  const privateMatters = texts.flatMap(({ field, text }) => {
    const m = PRIVATE_TERMS.exec(text);
    return m ? [{ field, word: m[0] }] : [];
  });
  for (const p of privateMatters)
    add({
      check: 'seriousness',
      severity: 'warning',
      field: p.field,
      message: `mentions “${p.word}”: a private or minor matter is not a notice’s business`,
    });
  const facts = typeof data.facts === 'string' ? data.facts : undefined;
  if (facts !== undefined && facts.trim().length < 100)
    add({
      check: 'seriousness',
      severity: 'warning',
      field: '/facts',
      message: 'the summary of facts is very short: it should show the person’s participation in the offence',
    });
  if (privateMatters.length === 0 && !(facts !== undefined && facts.trim().length < 100))
    add({ check: 'seriousness', severity: 'ok', message: 'no sign of a minor or private matter' });
  return findings;
}

/** How many findings of each severity (the review queue shows them). */
export function findingCounts(findings: Finding[]) {
  const counts = { error: 0, warning: 0, info: 0, ok: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}
