import type { FastifyInstance } from 'fastify';
import { as, type Session } from '../../test/helpers.ts';

/** Shared by the notices tests: a person record and a complete Red Notice request body. */

export async function personRecord(
  app: FastifyInstance,
  session: Session,
  data: Record<string, unknown> = {},
) {
  const answer = await as(app, session)('POST', '/api/v1/records', {
    kind: 'person',
    data: {
      names: [{ full: 'Mwangi Otieno', given: 'Otieno', family: 'Mwangi' }],
      sex: 'M',
      dateOfBirth: '1984-03-12',
      nationalities: ['KE'],
      documents: [{ number: 'AK7654321', type: 'passport', issuingCountry: 'KE' }],
      status: 'wanted',
      ...data,
    },
    policy: { visibility: 'all' },
  });
  if (answer.statusCode !== 201) throw new Error(answer.body);
  return answer.json().id as string;
}

export const FACTS =
  'Between March 2023 and January 2025 the person ran fake investment platforms that took about 380 million shillings from more than 4,000 victims.';

export function redData(overrides: Record<string, unknown> = {}) {
  return {
    warrants: [
      {
        kind: 'arrest-warrant',
        issuingCountry: 'KE',
        authority: 'Chief Magistrate’s Court, Milimani',
        number: 'CR 1234/2025',
        date: '2025-06-01',
        charges: 'Fraud by false representation and money laundering',
        law: 'Penal Code s. 313',
        maxPenaltyYears: 14,
      },
    ],
    facts: FACTS,
    extraditionCommitment: true,
    heightM: 1.78,
    eyeColours: ['BRO'],
    languages: ['ENG', 'SWA'],
    ...overrides,
  };
}

export const RED_CHECKLIST = { article2: true, article3: true, seriousness: true, judicialData: true };
