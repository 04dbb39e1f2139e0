import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type Session, signIn, type TestApp } from '../../test/helpers.ts';

/**
 * Generated policies against real principals, through the real endpoints: no principal
 * ever receives a record (or its id or identifier) that the owner's policy keeps from it.
 * The expected outcome comes from a model written out here, independently of src/access.
 */
let t: TestApp;
const principals: Record<
  string,
  { session: Session; agency: string; country: string | null; bureau: string | null; partner: boolean }
> = {};
let owner: Session;

beforeAll(async () => {
  t = await createTestApp();
  owner = await signIn(t.app, 'ke.officer');
  const who: [string, string, string | null, string | null, boolean][] = [
    ['ke.cyber', 'KE-CYBER', 'KE', 'KE', false],
    ['fr.officer', 'FR', 'FR', null, false],
    ['us.officer', 'US', 'US', null, false],
    ['br.officer', 'BR', 'BR', null, false],
    ['sg.analyst', 'SG', 'SG', null, false],
    ['secretariat.analyst', 'SECRETARIAT', null, null, false],
    ['sentinel.partner', 'PARTNER-SENTINEL', null, null, true],
  ];
  for (const [username, agency, country, bureau, partner] of who) {
    principals[username] = { session: await signIn(t.app, username), agency, country, bureau, partner };
  }
});
afterAll(() => t.close());

const agencyCodes = ['FR', 'US', 'BR', 'KE-BORDER', 'SECRETARIAT', 'PARTNER-SENTINEL', 'SG'];
const countryCodes = ['FR', 'US', 'BR', 'SG', 'KE'];

const policyArb = fc
  .record({
    visibility: fc.constantFrom('all', 'allow', 'deny'),
    agencies: fc.subarray(agencyCodes),
    countries: fc.subarray(countryCodes),
    hitOnly: fc.boolean(),
  })
  .filter((p) => (p.visibility === 'all') === (p.agencies.length + p.countries.length === 0));

function expected(
  p: (typeof principals)[string],
  policy: { visibility: string; agencies: string[]; countries: string[]; hitOnly: boolean },
) {
  if (p.agency === 'KE' || p.agency.startsWith('KE-')) return 'hit';
  const named =
    policy.agencies.includes(p.agency) || (p.bureau !== null && policy.agencies.includes(p.bureau));
  const byCountry = !p.partner && p.country !== null && policy.countries.includes(p.country);
  const listed = named || byCountry;
  const sees =
    policy.visibility === 'all' ? !p.partner : policy.visibility === 'allow' ? listed : !p.partner && !listed;
  if (sees) return 'hit';
  // "Hit only" tells members whom to ask; a partner learns nothing.
  return policy.hitOnly && !p.partner ? 'restricted-hit' : 'no-hit';
}

/** A made-up name for run n (distinct letters per run, so runs do not match each other). */
function personName(n: number): string {
  const syllables = ['ka', 'lo', 'mi', 'zu', 'te', 'ra', 'vo', 'shi', 'du', 'nep', 'gor', 'wil'];
  const pick = (k: number) => syllables[k % syllables.length]!;
  const given = pick(n) + pick(n * 5 + 1) + pick(n * 7 + 3);
  const family = `${pick(n * 3 + 2)}${pick(n * 11 + 4)}${pick(n + 6)}ovic`;
  return `${given[0]!.toUpperCase()}${given.slice(1)} ${family[0]!.toUpperCase()}${family.slice(1)}`;
}

describe('record policies (property)', () => {
  it('never leak a record beyond its policy, through identifier search, name search, free search, read or the shared feed', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(policyArb, async (policy) => {
        n++;
        const number = `PP${String(n).padStart(7, '0')}`;
        const body = {
          kind: 'travel-document',
          data: { number, type: 'passport', issuingCountry: 'KE', status: 'lost' },
          policy: {
            visibility: policy.visibility,
            ...(policy.agencies.length ? { agencies: policy.agencies } : {}),
            ...(policy.countries.length ? { countries: policy.countries } : {}),
            hitOnly: policy.hitOnly,
          },
        };
        t.clock.advance(1000);
        const since = encodeURIComponent(t.clock.now().toISOString());
        const feedOf = async (session: Session) =>
          (
            await as(t.app, session)('GET', `/api/v1/records?scope=shared&updatedSince=${since}&limit=500`)
          ).json() as {
            items: { id: string }[];
            removed: { id: string }[];
          };
        const created = await as(t.app, owner)('POST', '/api/v1/records', body);
        expect(created.statusCode, created.body).toBe(201);
        const id = created.json().id as string;
        // A person under the same policy, found by name; deleted after the run so that the
        // next run's person is the only one that matches.
        const name = personName(n);
        const personCreated = await as(t.app, owner)('POST', '/api/v1/records', {
          kind: 'person',
          data: { names: [{ full: name }], status: 'wanted', dateOfBirth: '1970-01-01' },
          policy: body.policy,
        });
        expect(personCreated.statusCode, personCreated.body).toBe(201);
        const personId = personCreated.json().id as string;
        for (const [username, p] of Object.entries(principals)) {
          const want = expected(p, policy);
          const search = await as(t.app, p.session)('POST', '/api/v1/search/identifiers', {
            queries: [{ scheme: 'document', value: number }],
          });
          const free = await as(t.app, p.session)('GET', `/api/v1/search?q=${number}`);
          const read = await as(t.app, p.session)('GET', `/api/v1/records/${id}`);
          const result = search.json().results[0];
          expect(result.outcome, `${username} ${JSON.stringify(policy)}`).toBe(want);
          const persons = await as(t.app, p.session)('POST', '/api/v1/search/persons', {
            name,
            dateOfBirth: '1970-01-01',
          });
          const mine = (
            persons.json().candidates as { outcome: string; recordId?: string; owner?: string }[]
          ).filter((c) => c.recordId === personId || (c.outcome === 'restricted-hit' && c.owner === 'KE'));
          expect(
            mine.map((c) => c.outcome),
            `${username} ${JSON.stringify(policy)}`,
          ).toEqual(want === 'no-hit' ? [] : [want]);
          if (want !== 'hit') {
            // The query echoes the name the caller typed; the candidates must not.
            const candidates = JSON.stringify(persons.json().candidates);
            expect(candidates, username).not.toContain(personId);
            expect(candidates, username).not.toContain(name.split(' ')[1]!);
          }
          // The list of what was marked for it: only what it may see, and only if named.
          const sharedWithIt =
            want === 'hit' &&
            policy.visibility === 'allow' &&
            !(p.agency === 'KE' || p.agency.startsWith('KE-'));
          const feed = await feedOf(p.session);
          expect(
            feed.items.some((r) => r.id === id),
            `${username} feed ${JSON.stringify(policy)}`,
          ).toBe(sharedWithIt);
          if (!sharedWithIt) expect(JSON.stringify(feed), username).not.toContain(id);
          if (want !== 'hit') {
            // Echoes of what the caller sent (the typed text, the requested path) are not leaks.
            const readProblem = JSON.stringify({ ...read.json(), instance: undefined });
            for (const body of [search.body, JSON.stringify(free.json().results), readProblem]) {
              expect(body, username).not.toContain(number);
              expect(body, username).not.toContain(id);
            }
            expect(read.statusCode).toBe(404);
          } else {
            expect(read.statusCode).toBe(200);
          }
        }
        await as(t.app, owner)('DELETE', `/api/v1/records/${personId}?reason=property+run+done`);
        // Once deleted, it is taken back from exactly the feeds that listed it.
        await as(t.app, owner)('DELETE', `/api/v1/records/${id}?reason=property+run+done`);
        for (const [username, p] of Object.entries(principals)) {
          const listedIt =
            expected(p, policy) === 'hit' &&
            policy.visibility === 'allow' &&
            !(p.agency === 'KE' || p.agency.startsWith('KE-'));
          const feed = await feedOf(p.session);
          // The run's person went the same way, under the same policy.
          expect(
            feed.removed.map((r) => r.id).sort(),
            `${username} removed ${JSON.stringify(policy)}`,
          ).toEqual(listedIt ? [id, personId].sort() : []);
          expect(JSON.stringify(feed.items), username).not.toContain(id);
        }
      }),
      { numRuns: 25 },
    );
    // 25 runs of a dozen requests each: ~16 s alone, more beside other test files.
  }, 120_000);
});
