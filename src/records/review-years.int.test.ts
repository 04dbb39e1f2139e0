import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type Session, signIn, type TestApp } from '../../test/helpers.ts';
import { addYears } from '../platform/dates.ts';

/** A network that sets its own review periods (CONCORD_REVIEW_YEARS): persons 2 years, vehicles 3. */
let t: TestApp;
let ke: Session;

beforeAll(async () => {
  t = await createTestApp({ CONCORD_REVIEW_YEARS: 'person=2,vehicle=3' });
  ke = await signIn(t.app, 'ke.officer');
});
afterAll(() => t.close());

describe('review periods set by the network', () => {
  it('date new records by the network’s period for their kind, and the others by the defaults', async () => {
    const now = t.clock.now();
    const create = async (body: object) => {
      const response = await as(t.app, ke)('POST', '/api/v1/records', body);
      expect(response.statusCode, response.body).toBe(201);
      return response.json() as { id: string; reviewAt: string };
    };
    const person = await create({
      kind: 'person',
      data: { names: [{ full: 'Review Period' }], status: 'wanted' },
    });
    expect(person.reviewAt).toBe(addYears(now, 2).toISOString());
    const passport = await create({
      kind: 'travel-document',
      data: { number: 'RY1234567', type: 'passport', issuingCountry: 'KE', status: 'stolen' },
    });
    expect(passport.reviewAt).toBe(addYears(now, 10).toISOString());
    // An import dates its lines the same way; an owner's own date still wins.
    const imported = await t.app.inject({
      method: 'POST',
      url: '/api/v1/records:import',
      headers: { cookie: ke.cookie, 'x-csrf-token': ke.csrf, 'content-type': 'application/x-ndjson' },
      payload: [
        JSON.stringify({ kind: 'vehicle', data: { vin: 'WVWZZZ1JZXW000001' }, externalRef: 'RY-1' }),
        JSON.stringify({
          kind: 'vehicle',
          data: { vin: 'WVWZZZ1JZXW000002' },
          externalRef: 'RY-2',
          reviewAt: '2027-06-30',
        }),
      ].join('\n'),
    });
    expect(imported.statusCode, imported.body).toBe(200);
    const byRef = async (ref: string) =>
      (await as(t.app, ke)('GET', `/api/v1/records?externalRef=${ref}`)).json().items[0] as {
        reviewAt: string;
      };
    expect((await byRef('RY-1')).reviewAt).toBe(addYears(now, 3).toISOString());
    expect((await byRef('RY-2')).reviewAt).toBe('2027-06-30T00:00:00.000Z');
    // Extending without a date moves the review on by the same period.
    const extended = await as(t.app, ke)('POST', `/api/v1/records/${person.id}/extend`, {
      reason: 'still sought',
    });
    expect(extended.json().reviewAt).toBe(addYears(now, 2).toISOString());
  });
});
