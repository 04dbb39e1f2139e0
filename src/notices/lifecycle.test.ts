import { describe, expect, it } from 'vitest';
import { runChecks } from './checks.ts';
import { buildExtract, splitName } from './extract.ts';
import { ACTIONS, type Actor, actionsFor, STATUSES, TRANSITIONS, transition } from './lifecycle.ts';
import { NOTICE_TYPES } from './types.ts';

describe('lifecycle table', () => {
  it('allows exactly the listed transitions, for the listed actors', () => {
    const actors: Actor[] = ['requester', 'reviewer', 'system'];
    let allowed = 0;
    for (const kind of ['notice', 'diffusion'] as const)
      for (const action of ACTIONS)
        for (const from of STATUSES)
          for (const by of actors) {
            const listed = TRANSITIONS.some(
              (t) => t.kind === kind && t.action === action && t.from.includes(from) && t.by.includes(by),
            );
            expect(
              Boolean(transition(kind, action, from, by)),
              `${kind} ${action} from ${from} by ${by}`,
            ).toBe(listed);
            if (listed) allowed++;
          }
    expect(allowed).toBeGreaterThan(20);
  });
  it('never leaves a terminal status', () => {
    for (const from of ['refused', 'cancelled', 'expired', 'withdrawn'] as const)
      for (const kind of ['notice', 'diffusion'] as const)
        expect(actionsFor(kind, from, ['requester', 'reviewer', 'system'])).toEqual([]);
  });
  it('publishes only from under review, by a reviewer', () => {
    expect(transition('notice', 'publish', 'under-review', 'reviewer')).toEqual({ to: 'published' });
    expect(transition('notice', 'publish', 'submitted', 'reviewer')).toBeUndefined();
    expect(transition('notice', 'publish', 'under-review', 'requester')).toBeUndefined();
    expect(transition('diffusion', 'publish', 'circulated', 'reviewer')).toBeUndefined();
    expect(transition('notice', 'extend', 'published', 'requester')).toEqual({ to: 'published' });
  });
});

const base = {
  spec: NOTICE_TYPES.red,
  kind: 'notice' as const,
  requesterCountry: 'KE',
  today: '2026-01-15',
  duplicates: [],
  protectedMatches: [],
  assetCount: 0,
};
const subject = {
  names: [{ full: 'Otieno Mwangi' }],
  dateOfBirth: '1984-03-12',
  sex: 'M' as const,
  nationalities: ['KE'],
  status: 'wanted' as const,
};
const warrant = {
  kind: 'arrest-warrant',
  issuingCountry: 'KE',
  authority: 'High Court',
  date: '2025-06-01',
  charges: 'Fraud',
  law: 'Penal Code s. 313',
  maxPenaltyYears: 14,
};
const facts =
  'The person ran fake investment platforms that took about 380 million shillings from more than 4,000 victims in 2023 and 2024.';
const severity = (findings: ReturnType<typeof runChecks>, check: string) =>
  findings.filter((f) => f.check === check).map((f) => f.severity);

describe('automatic checks', () => {
  it('passes a complete, consistent request', () => {
    const f = runChecks({
      ...base,
      subject,
      data: { warrants: [warrant], facts, extraditionCommitment: true },
    });
    expect(f.filter((x) => x.severity === 'error' || x.severity === 'warning')).toEqual([]);
    expect(severity(f, 'own-national')).toEqual(['info']);
  });
  it('finds missing data, the penalty threshold, impossible dates and no extradition commitment', () => {
    const f = runChecks({
      ...base,
      subject: { ...subject, dateOfBirth: '2030' as string },
      data: {
        warrants: [{ ...warrant, maxPenaltyYears: 1, date: '2026-02-01', issuingCountry: 'TZ' }],
        extraditionCommitment: false,
      },
    });
    expect(severity(f, 'required-data')).toEqual(['error']);
    expect(severity(f, 'penalty-threshold')).toEqual(['error']);
    expect(severity(f, 'dates')).toContain('error');
    expect(severity(f, 'consistency')).toEqual(['error', 'warning']);
  });
  it('says when the subject’s record gives no status, or another than the notice type expects', () => {
    const statusFinding = (status: string | undefined) =>
      runChecks({
        ...base,
        subject: { ...subject, status: status as never },
        data: { warrants: [warrant], facts, extraditionCommitment: true },
      }).find((x) => x.field === '/subject/status');
    expect(statusFinding('wanted')).toBeUndefined();
    expect(statusFinding('missing')?.message).toBe('the subject’s record says “missing”, expected wanted');
    expect(statusFinding(undefined)).toMatchObject({
      severity: 'warning',
      message: 'the subject’s record gives no status, expected wanted',
    });
  });
  it('accepts a sentence with six months left, not five', () => {
    const decision = { ...warrant, kind: 'judicial-decision', maxPenaltyYears: 3 };
    expect(
      severity(
        runChecks({
          ...base,
          subject,
          data: {
            warrants: [{ ...decision, sentenceRemainingMonths: 6 }],
            facts,
            extraditionCommitment: true,
          },
        }),
        'penalty-threshold',
      ),
    ).toEqual(['ok']);
    expect(
      severity(
        runChecks({
          ...base,
          subject,
          data: {
            warrants: [{ ...decision, sentenceRemainingMonths: 5 }],
            facts,
            extraditionCommitment: true,
          },
        }),
        'penalty-threshold',
      ),
    ).toEqual(['error']);
  });
  it('flags political, religious and private matters, duplicates and refugees', () => {
    const f = runChecks({
      ...base,
      subject,
      data: {
        warrants: [{ ...warrant, charges: 'Blasphemy and an unpaid debt' }],
        facts: `${facts} He organised a protest.`,
        extraditionCommitment: true,
      },
      duplicates: [{ reference: '2026/10001', type: 'red', status: 'published', how: 'same-record' }],
      protectedMatches: [
        {
          name: 'Otieno Mwangi',
          status: 'refugee',
          againstCountry: 'KE',
          recognisedBy: 'FR',
          band: 'strong',
        },
      ],
    });
    expect(severity(f, 'neutrality')).toEqual(['warning', 'warning']);
    expect(severity(f, 'seriousness')).toEqual(['warning']);
    expect(severity(f, 'duplicates')).toEqual(['error']);
    expect(severity(f, 'refugee')).toEqual(['error']);
  });
});

describe('public extract', () => {
  it('splits names as the public API does', () => {
    expect(splitName({ full: 'x', given: 'Daniela Marie', family: 'Klette' })).toEqual({
      forename: 'DANIELA MARIE',
      name: 'KLETTE',
    });
    expect(splitName({ full: 'KLETTE Daniela' })).toEqual({ forename: 'DANIELA', name: 'KLETTE' });
    expect(splitName({ full: 'Klette, Daniela' })).toEqual({ forename: 'DANIELA', name: 'KLETTE' });
    expect(splitName({ full: 'Daniela Klette' })).toEqual({ forename: 'DANIELA', name: 'KLETTE' });
  });
  it('keeps documents out and dates in the public form', () => {
    const e = buildExtract({
      type: 'red',
      reference: '2026/10001',
      language: 'en',
      data: { warrants: [warrant] },
      translations: {},
      subject: { ...subject, documents: [{ number: 'AK1', type: 'passport', issuingCountry: 'KE' }] },
      pictureIds: [],
    });
    expect(e.detail.date_of_birth).toBe('1984/03/12');
    expect(e.birth_date).toBe('1984-03-12');
    expect(JSON.stringify(e)).not.toContain('AK1');
  });
});
