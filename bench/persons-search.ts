/**
 * Person search by name at scale: recall and throughput of POST /api/v1/search/persons over
 * HTTP (API key, policy, hit notifications, durable audit) against a PostgreSQL pg_trgm
 * baseline on the same persons, in the same run, as the database grows.
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
 *   BENCH_CHECKPOINTS=100000,1000000 npx tsx bench/persons-search.ts
 *
 * The persons are the held-out evaluation identities (eval/names: every query there has a
 * right answer, or none for negatives) hidden in a generated population: names drawn from
 * the evaluation's 21 cultures with a Zipf-like skew (common names repeat, as they do) and a
 * long tail of rarer names, without namesakes of the identities (see populationPerson). The baseline is pg_trgm similarity (GIN index, default threshold
 * 0.3) over any-ascii transliterations of every name. It creates (and drops) its own
 * database. The load of each figure comes from a new process (persons-load.ts), not the one
 * that imported the persons. Defaults: 20 s of load per figure (BENCH_SECONDS), 8 connections
 * (BENCH_CONNECTIONS), for both. BENCH_REUSE=<database> measures a database an earlier run
 * kept (BENCH_KEEP=1) or left behind, at the checkpoints it has reached, without loading;
 * persons an older names library prepared are re-prepared first (and the time printed).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import anyAscii from 'any-ascii';
import type { EvalPerson, EvalQuery } from '../eval/names/build.ts';
import { agencySystemPrincipal, systemPrincipal } from '../src/access/principal.ts';
import { agencyRef, findAgency } from '../src/identity/agencies.ts';
import { createApiKey } from '../src/identity/api-keys.ts';
import { firstStart } from '../src/identity/seed.ts';
import { NAMES_INDEX_VERSION, personBlockingKeys, preparePerson } from '../src/names/index.ts';
import { closeContext, createContext } from '../src/platform/bootstrap.ts';
import { loadConfig } from '../src/platform/config.ts';
import { JobRunner } from '../src/platform/jobs.ts';
import { type ImportLine, importRecords } from '../src/records/bulk.ts';
import { STALE_PERSON_MATCH } from '../src/records/person-names.ts';
import { personNameJobs } from '../src/records/person-names-job.ts';
import { deleteRecord } from '../src/records/service.ts';
import { runLoadProcess } from './load-process.ts';
import type { PersonsLoadFigures, PersonsLoadJob } from './persons-load.ts';
import { benchPostgres } from './postgres-client.ts';
import { trigramCandidates } from './trigram-baseline.ts';

const adminUrl = process.env.BENCH_DATABASE_URL;
if (!adminUrl) {
  console.error(
    'Set BENCH_DATABASE_URL to a PostgreSQL server (the benchmark creates its own database there).',
  );
  process.exit(2);
}
const checkpoints = (process.env.BENCH_CHECKPOINTS ?? '100000,1000000').split(',').map(Number);
const seconds = Number(process.env.BENCH_SECONDS ?? 20);
/** Searches in flight: enough to keep both cores busy, few enough that latency is the search's
 * own and not a queue's (at 32, a p97.5 is mostly waiting). */
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const here = path.dirname(fileURLToPath(import.meta.url));

// --- the labelled queries and their identities -------------------------------------------------
const readNdjson = <T>(file: string): T[] =>
  readFileSync(path.join(here, '../eval/names', file), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as T);
const evalPersons = readNdjson<EvalPerson>('heldout.persons.ndjson');
const evalQueries = readNdjson<EvalQuery>('heldout.queries.ndjson');
const positives = evalQueries.filter((q) => q.expect);
const negatives = evalQueries.filter((q) => !q.expect);

const personLine = (p: {
  names: { full: string }[];
  dateOfBirth?: string;
  sex?: string;
  nationalities?: string[];
  mark?: string;
}): ImportLine => ({
  kind: 'person',
  data: {
    names: p.names.map((n) => ({ full: n.full })),
    status: 'wanted',
    ...(p.dateOfBirth ? { dateOfBirth: p.dateOfBirth } : {}),
    ...(p.sex ? { sex: p.sex } : {}),
    ...(p.nationalities?.length ? { nationalities: p.nationalities } : {}),
    ...(p.mark ? { marks: [p.mark] } : {}),
  },
});

// --- the population ----------------------------------------------------------------------------
interface SeedCulture {
  id: string;
  nat: string[];
  order: string;
  male: string[];
  female: string[];
  family: string[];
}
const cultures: SeedCulture[] = ['dev', 'heldout'].flatMap(
  (set) =>
    (
      JSON.parse(readFileSync(path.join(here, `../eval/names/seeds/${set}.json`), 'utf8')) as {
        cultures: SeedCulture[];
      }
    ).cultures,
);

let seed = 20261201;
function random(): number {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
/** Zipf-like: the first names of a list are the common ones. */
const zipf = <T>(items: readonly T[]): T => items[Math.floor(items.length * random() ** 2.5)]!;
/** A seed entry is "record form|romanisation|…": records hold the first or a romanised form. */
const form = (entry: string): string => {
  const forms = entry.split('|');
  return random() < 0.7 ? forms[0]! : (forms[1] ?? forms[0]!);
};

const SYLLABLES =
  'ba be bi bo bu da de di do du fa fe fi ga go gu ha he hi ho ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu pa pe pi po ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo wa we ya yo za ze zi zo an en in on ar er ir or al el il ol ek ik ok ash esh ish ov ev an ul'.split(
    ' ',
  );
const word = (min: number, max: number) => {
  const n = min + Math.floor(random() * (max - min + 1));
  let w = '';
  for (let i = 0; i < n; i++) w += pick(SYLLABLES);
  return w[0]!.toUpperCase() + w.slice(1);
};
const birthDate = () => {
  const y = 1940 + Math.floor(random() * 66);
  const m = 1 + Math.floor(random() * 12);
  const d = 1 + Math.floor(random() * 28);
  return random() < 0.15 ? String(y) : `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
};

/**
 * The labelled identities' name pairs. A generated person sharing one is regenerated: a
 * namesake (the same name, another person) cannot be told apart by a name query — only by
 * the date of birth — and would measure the generator rather than the matcher.
 */
const identityPairs = new Set(
  evalPersons.flatMap((p) =>
    personBlockingKeys(preparePerson({ names: p.names })).filter((k) => k.startsWith('p:')),
  ),
);
const namesake = (full: string) =>
  personBlockingKeys(preparePerson({ names: [{ full }] })).some((k) => identityPairs.has(k));

/** A generated person: 45% from the cultures' name pools (skewed), 55% a long tail of rare names. */
function populationPerson(): ImportLine {
  for (;;) {
    const line = generatedPerson();
    const full = (line.data as { names: { full: string }[] }).names[0]!.full;
    if (!namesake(full)) return line;
  }
}

function generatedPerson(): ImportLine {
  const sex = random() < 0.5 ? 'M' : 'F';
  let full: string;
  let nationalities: string[] = [];
  if (random() < 0.45) {
    const c = pick(cultures);
    const given = form(zipf(sex === 'M' ? c.male : c.female));
    const family = form(zipf(c.family));
    full = c.order.startsWith('f') ? `${family} ${given}` : `${given} ${family}`;
    nationalities = [pick(c.nat)];
  } else {
    full = `${word(2, 3)} ${random() < 0.2 ? `${word(2, 3)} ` : ''}${word(2, 4)}`;
  }
  return personLine({ names: [{ full }], dateOfBirth: birthDate(), sex, nationalities });
}

// --- setup -------------------------------------------------------------------------------------
/** A database an earlier run kept (BENCH_KEEP) or left behind: measured as it is, not loaded again. */
const reused = process.env.BENCH_REUSE;
const dbName = reused ?? `concord_bench_persons_${Date.now()}`;
const admin = benchPostgres(adminUrl, { max: 1 });
if (!reused) await admin.unsafe(`CREATE DATABASE ${dbName}`);
const url = new URL(adminUrl);
url.pathname = `/${dbName}`;
const databaseUrl = url.toString();
console.log(
  `Person search benchmark — ${os.cpus().length} × ${os.cpus()[0]?.model}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
);
console.log(
  `${positives.length} positive and ${negatives.length} negative held-out queries; ${evalPersons.length} labelled persons in a generated population; ${seconds} s of load per figure, ${CONNECTIONS} connections`,
);
const ctx = await createContext(
  loadConfig({
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'warn',
    CONCORD_DEMO_PASSWORD: 'bench-password-123',
    CONCORD_ADMIN_PASSWORD: 'bench-password-123',
  }),
);
const sqlClient = benchPostgres(databaseUrl, { max: 8 });
if (!reused) {
  await firstStart(ctx, { demo: true });
  await sqlClient.unsafe('CREATE EXTENSION IF NOT EXISTS pg_trgm');
  await sqlClient`CREATE TABLE bench_trgm (record_id uuid NOT NULL, name text NOT NULL)`;
  await sqlClient`CREATE INDEX bench_trgm_name ON bench_trgm USING gin (name gin_trgm_ops)`;
}
const owner = agencySystemPrincipal(agencyRef((await findAgency(ctx.db, 'KE'))!));

const ascii = (s: string) => anyAscii(s).toLowerCase().replace(/\s+/g, ' ').trim();
let loaded = 0;
let lastId = '00000000-0000-0000-0000-000000000000';

async function importLines(lines: ImportLine[]) {
  async function* items() {
    let n = 0;
    for (const value of lines) yield { line: ++n, value };
  }
  const report = await importRecords(ctx, owner, items(), 'skip-invalid');
  if (report.invalidCount > 0)
    console.warn(`${report.invalidCount} invalid lines`, report.invalid.slice(0, 3));
  loaded += report.imported;
}

/** The baseline's rows for the records written since last time: every name, any-ascii. */
async function feedBaseline() {
  for (;;) {
    const rows = await sqlClient<{ id: string; names: { full: string }[] }[]>`
      SELECT id, data->'names' AS names FROM records
    WHERE kind = 'person' AND status = 'active' AND id > ${lastId} ORDER BY id LIMIT 20000`;
    if (rows.length === 0) return;
    lastId = rows[rows.length - 1]!.id;
    const ids: string[] = [];
    const names: string[] = [];
    for (const r of rows)
      for (const n of r.names) {
        ids.push(r.id);
        names.push(ascii(n.full));
      }
    await sqlClient`INSERT INTO bench_trgm SELECT * FROM unnest(${ids}::uuid[], ${names}::text[])`;
  }
}

/**
 * Loads the population up to the target, then the labelled persons last: within a key, the
 * index returns the earliest written first, so searched-for persons written first would be
 * favoured by the per-key limit. Their earlier copies are deleted.
 */
async function loadUpTo(target: number) {
  const started = performance.now();
  const before = loaded;
  const population = target - evalPersons.length;
  while (loaded - labelledLoaded < population) {
    const n = Math.min(20_000, population - (loaded - labelledLoaded));
    await importLines(Array.from({ length: n }, populationPerson));
    if (target >= 1_000_000 && loaded % 1_000_000 < 20_000)
      console.log(`  … ${loaded.toLocaleString('en')} persons`);
  }
  const rate = (loaded - before) / ((performance.now() - started) / 1000);
  await deleteLabelled();
  await importLines(evalPersons.map((p) => personLine({ ...p, mark: `eval ${p.id}` })));
  labelledLoaded += evalPersons.length;
  await readLabelled();
  await feedBaseline();
  await sqlClient`VACUUM ANALYZE`;
  await sqlClient`CHECKPOINT`;
  return rate;
}

let labelledLoaded = 0;
const recordOf = new Map<string, string>(); // record id → evaluation id

async function readLabelled() {
  recordOf.clear();
  for (const r of await sqlClient<{ id: string; mark: string }[]>`
    SELECT id, data->'marks'->>0 AS mark FROM records
    WHERE kind = 'person' AND status = 'active' AND data ? 'marks'`)
    recordOf.set(r.id, r.mark.replace(/^eval /, ''));
}

if (reused) {
  const [count] = await sqlClient<{ n: string }[]>`
    SELECT count(*) AS n FROM records WHERE kind = 'person' AND status = 'active'`;
  loaded = Number(count!.n);
  labelledLoaded = evalPersons.length;
  await readLabelled();
  console.log(`Reusing ${dbName}: ${loaded.toLocaleString('en')} persons`);
  // Persons prepared by an older names library are re-prepared first, as an upgraded server
  // would: measuring while the server's own reindex job runs would measure both at once.
  const staleCount = async () =>
    Number(
      (
        await ctx.db
          .selectFrom('records')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('kind', '=', 'person')
          .where('status', '<>', 'deleted')
          .where(STALE_PERSON_MATCH)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const stale = await staleCount();
  if (stale > 0) {
    const runner = new JobRunner(ctx, personNameJobs);
    const started = performance.now();
    await runner.runUntilDone(personNameJobs[0]!);
    await runner.stop();
    const seconds = (performance.now() - started) / 1000;
    if ((await staleCount()) > 0) throw new Error('persons left prepared by an older names library');
    console.log(
      `  ${stale.toLocaleString('en')} persons re-prepared for names library version ${NAMES_INDEX_VERSION} in ${seconds.toFixed(0)} s (${(stale / seconds).toFixed(0)}/s)`,
    );
    await sqlClient`VACUUM ANALYZE`;
  }
}

async function deleteLabelled() {
  const ids = [...recordOf.keys()];
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < ids.length) await deleteRecord(ctx, owner, ids[next++]!, 'benchmark: written again last');
    }),
  );
  await sqlClient`DELETE FROM bench_trgm WHERE record_id = ANY(${ids}::uuid[])`;
}

const { key } = await createApiKey(ctx, systemPrincipal(), {
  agency: 'FR',
  name: 'bench',
  permissions: ['records:read'],
});
const server = spawn(process.execPath, [path.join(here, '../bin/concord.js'), 'serve'], {
  env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', PORT: '0', CONCORD_DEMO: 'off' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const baseUrl = await new Promise<string>((resolve, reject) => {
  let output = '';
  server.stdout!.on('data', (chunk) => {
    output += chunk;
    const match = /Concord is running at (\S+)/.exec(output);
    if (match) resolve(match[1]!);
  });
  server.on('exit', (code) => reject(new Error(`the server stopped (${code}): ${output}`)));
});

// --- measurements ------------------------------------------------------------------------------
const body = (q: EvalQuery) =>
  JSON.stringify({
    name: q.name,
    ...(q.dateOfBirth ? { dateOfBirth: q.dateOfBirth } : {}),
    ...(q.sex ? { sex: q.sex } : {}),
    ...(q.nationality ? { nationality: q.nationality } : {}),
  });

async function concordSearch(q: EvalQuery): Promise<{ ids: string[]; strong: boolean }> {
  const response = await fetch(`${baseUrl}/api/v1/search/persons`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: body(q),
  });
  if (response.status !== 200) throw new Error(`search failed: ${response.status} ${await response.text()}`);
  const { candidates } = (await response.json()) as { candidates: { recordId?: string; band: string }[] };
  return {
    ids: candidates.map((c) => recordOf.get(c.recordId ?? '') ?? '-'),
    // A negative is a name none of the identities has; generated persons may have it.
    strong: candidates.some((c) => c.band === 'strong' && recordOf.has(c.recordId ?? '')),
  };
}

async function trigramSearch(q: EvalQuery): Promise<{ ids: string[] }> {
  const rows = await trigramCandidates(sqlClient, ascii(q.name));
  return { ids: rows.map((r) => recordOf.get(r.record_id) ?? '-') };
}

async function recall(search: (q: EvalQuery) => Promise<{ ids: string[]; strong?: boolean }>) {
  let at1 = 0;
  let at10 = 0;
  let strongNegatives = 0;
  let next = 0;
  const all = [...positives, ...negatives];
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < all.length) {
        const q = all[next++]!;
        const r = await search(q);
        if (!q.expect) {
          if (r.strong) strongNegatives++;
          continue;
        }
        if (r.ids[0] === q.expect) at1++;
        if (r.ids.slice(0, 10).includes(q.expect)) at10++;
      }
    }),
  );
  return {
    at1: at1 / positives.length,
    at10: at10 / positives.length,
    strong: strongNegatives / negatives.length,
  };
}

/** Throughput of both, from a new process (persons-load.ts), whatever this one did before. */
function measureLoad(): Promise<PersonsLoadFigures> {
  return runLoadProcess<PersonsLoadJob, PersonsLoadFigures>(path.join(here, 'persons-load.ts'), {
    baseUrl,
    apiKey: key,
    databaseUrl,
    seconds,
    connections: CONNECTIONS,
    queries: positives.map((q) => ({ body: body(q), ascii: ascii(q.name) })),
  });
}

const f = (n: number, digits = 0) => n.toLocaleString('en', { maximumFractionDigits: digits });
const pct = (n: number) => n.toFixed(3);
for (const target of checkpoints) {
  // A reused database is measured once, as the last checkpoint.
  if (reused && target !== checkpoints[checkpoints.length - 1]) continue;
  const importRate = reused ? Number.NaN : await loadUpTo(target);
  const concordRecall = await recall(concordSearch);
  const trigramRecall = await recall(trigramSearch);
  const { http, trigram } = await measureLoad();
  console.log(
    `${f(target).padStart(10)} persons | import ${Number.isNaN(importRate) ? '—' : f(importRate)}/s` +
      ` | Concord HTTP ${f(http.perSecond)}/s p50 ${http.p50} ms p97.5 ${http.p97_5} ms p99 ${http.p99} ms (${http.errors} errors)` +
      ` R@1 ${pct(concordRecall.at1)} R@10 ${pct(concordRecall.at10)} negatives strong on an identity ${pct(concordRecall.strong)}` +
      ` | pg_trgm SQL ${f(trigram.perSecond, 1)}/s p97.5 ${f(trigram.p97_5)} ms R@1 ${pct(trigramRecall.at1)} R@10 ${pct(trigramRecall.at10)}` +
      ` | throughput ${f(http.perSecond / trigram.perSecond, 1)}×`,
  );
}

server.kill('SIGTERM');
await new Promise((resolve) => server.once('exit', resolve));
await sqlClient.end();
await closeContext(ctx);
if (process.env.BENCH_KEEP || reused) console.log(`Kept the database: ${databaseUrl}`);
else await admin.unsafe(`DROP DATABASE ${dbName} WITH (FORCE)`);
await admin.end();
