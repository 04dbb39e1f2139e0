/**
 * Police databases at scale: import, single checks over HTTP, batch checks, and the lookup
 * curve as the database grows — each against a baseline in the same run (the same lookups
 * as plain SQL through postgres.js, which is what the API layers add to).
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
 *   BENCH_CHECKPOINTS=100000,1000000,10000000 npx tsx bench/records-search.ts
 *
 * It creates (and drops) its own database on the server. Defaults: checkpoints 100,000 and
 * 1,000,000; 20 s of HTTP load per measurement (BENCH_SECONDS); 1% hits (BENCH_HIT_PERCENT);
 * 4 concurrent batch clients (BENCH_BATCH_CLIENTS); single checks 32 and 64 at once
 * (BENCH_CONNECTIONS); 1 server process (BENCH_WORKERS). The checks of each checkpoint
 * come from a new process (records-load.ts).
 */
import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { agencySystemPrincipal, systemPrincipal } from '../src/access/principal.ts';
import { agencyRef, findAgency } from '../src/identity/agencies.ts';
import { createApiKey } from '../src/identity/api-keys.ts';
import { DEMO_COUNTRIES, firstStart } from '../src/identity/seed.ts';
import { closeContext, createContext } from '../src/platform/bootstrap.ts';
import { loadConfig } from '../src/platform/config.ts';
import { importRecords, insertRecords, type PreparedRecord, prepareLine } from '../src/records/bulk.ts';
import { demoLines, demoRecord } from '../src/records/demo.ts';
import { ndjsonLines } from '../src/records/formats.ts';
import { runLoadProcess } from './load-process.ts';
import { benchPostgres } from './postgres-client.ts';
import type { LoadFigures, LoadJob, SingleFigure } from './records-load.ts';

const adminUrl = process.env.BENCH_DATABASE_URL;
if (!adminUrl) {
  console.error(
    'Set BENCH_DATABASE_URL to a PostgreSQL server (the benchmark creates its own database there).',
  );
  process.exit(2);
}
const checkpoints = (process.env.BENCH_CHECKPOINTS ?? '100000,1000000').split(',').map(Number);
const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const BATCH_CLIENTS = Number(process.env.BENCH_BATCH_CLIENTS ?? 4);
/**
 * Share of checks that find a record, in percent. Every hit writes a notification and an
 * outbox event for the owner, so the hit rate decides how much a check writes. At borders
 * hits are a small fraction of the passports checked; the default of 1% errs on the high
 * side, and BENCH_HIT_PERCENT=30 shows the write-heavy extreme.
 */
const HIT_PERCENT = Number(process.env.BENCH_HIT_PERCENT ?? 1);
/** Single checks at these concurrencies (border posts checking at once), one figure each. */
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '32,64').split(',').map(Number);
const dbName = `concord_bench_${Date.now()}`;
const here = path.dirname(fileURLToPath(import.meta.url));

const admin = benchPostgres(adminUrl, { max: 1 });
await admin.unsafe(`CREATE DATABASE ${dbName}`);
const url = new URL(adminUrl);
url.pathname = `/${dbName}`;
const databaseUrl = url.toString();

console.log(
  `Records benchmark — ${os.cpus().length} × ${os.cpus()[0]?.model}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
);
console.log(`Checks: ${HIT_PERCENT}% hits; ${BATCH_CLIENTS} batch clients; ${seconds} s of load per figure`);
const config = loadConfig({
  DATABASE_URL: databaseUrl,
  LOG_LEVEL: 'warn',
  CONCORD_DEMO_PASSWORD: 'bench-password-123',
  CONCORD_ADMIN_PASSWORD: 'bench-password-123',
});
const ctx = await createContext(config);
await firstStart(ctx, { demo: true });
const sqlClient = benchPostgres(databaseUrl, { max: 8 });

let rawBaselinePending = true;
let rawRates = { raw: 0, validation: 0, writes: 0 };

/**
 * What an import is made of, measured on the first chunk of each checkpoint: the lines as
 * raw JSON into an unindexed table (PostgreSQL's floor), validation and normalisation alone
 * (one core), and the importer's writes alone for lines validated beforehand (rolled back,
 * so the records are not loaded twice).
 */
async function importBaselines(ndjson: string[], owner: string, country: string | null) {
  const chunk = ndjson.length;
  const rawStarted = performance.now();
  await sqlClient`INSERT INTO bench_raw SELECT value FROM jsonb_array_elements(${`[${ndjson.join(',')}]`}::text::jsonb)`;
  const raw = chunk / ((performance.now() - rawStarted) / 1000);
  await sqlClient`TRUNCATE bench_raw`;

  const known = new Set((await ctx.db.selectFrom('agencies').select('code').execute()).map((a) => a.code));
  const now = new Date();
  const validationStarted = performance.now();
  const prepared: PreparedRecord[] = [];
  for (const text of ndjson) {
    const p = prepareLine(JSON.parse(text), { country, kind: 'bureau' }, known, now);
    if (!Array.isArray(p)) prepared.push(p);
  }
  const validation = chunk / ((performance.now() - validationStarted) / 1000);

  const writesStarted = performance.now();
  await ctx.db
    .transaction()
    .execute(async (trx) => {
      for (let i = 0; i < prepared.length; i += 1000)
        await insertRecords(trx, owner, 'bench', prepared.slice(i, i + 1000), now);
      throw new RolledBack();
    })
    .catch((error) => {
      if (!(error instanceof RolledBack)) throw error;
    });
  const writes = chunk / ((performance.now() - writesStarted) / 1000);
  return { raw, validation, writes };
}
class RolledBack extends Error {}
await sqlClient`CREATE TABLE bench_raw (line jsonb)`;

/** Known document numbers (hits) sampled while loading, as many as a load process is given. */
const KNOWN_SAMPLE = 20_000;
const known: { value: string; country: string }[] = [];
let loaded = 0;

/**
 * Loads records up to the target, 50,000 at a time, through the importer as
 * `concord import` runs it: NDJSON parsed line by line, validated, normalised and written.
 * Only the import is timed; making up the demo file is not.
 */
async function loadUpTo(target: number) {
  let importMs = 0;
  const before = loaded;
  while (loaded < target) {
    const chunk = Math.min(50_000, target - loaded);
    const country = DEMO_COUNTRIES[((loaded / 50_000) % DEMO_COUNTRIES.length) | 0]!;
    const agency = (await findAgency(ctx.db, country))!;
    const ndjson: string[] = [];
    for await (const line of demoLines(country, chunk)) {
      const data = line.value.data as { number?: string; issuingCountry?: string };
      if (line.value.kind === 'travel-document' && known.length < KNOWN_SAMPLE && randomInt(10) === 0) {
        known.push({ value: data.number!, country: data.issuingCountry! });
      }
      ndjson.push(JSON.stringify(line.value));
    }
    if (rawBaselinePending) {
      rawBaselinePending = false;
      rawRates = await importBaselines(ndjson, agency.code, agency.country);
    }
    const started = performance.now();
    const report = await importRecords(
      ctx,
      agencySystemPrincipal(agencyRef(agency)),
      ndjsonLines(Readable.from([ndjson.join('\n')])),
      'skip-invalid',
    );
    importMs += performance.now() - started;
    loaded += report.imported + report.invalidCount;
    if (report.invalidCount > 0) console.warn(`${report.invalidCount} demo lines were invalid`);
    if (target >= 1_000_000 && loaded % 1_000_000 < 50_000)
      console.log(`  … ${loaded.toLocaleString('en')} records loaded`);
  }
  const rate = (loaded - before) / (importMs / 1000);
  // What an operator does after a bulk load, and what autovacuum would otherwise do in the
  // middle of the measurements: statistics, the visibility map, dirty pages written out.
  await sqlClient`VACUUM ANALYZE`;
  await sqlClient`CHECKPOINT`;
  return rate;
}

/**
 * The stolen and lost travel documents database is the one national systems load in bulk
 * (the largest by far): 50,000 of them in one import, timed on their own.
 */
async function importDocuments() {
  const agency = (await findAgency(ctx.db, 'KE'))!;
  const ndjson: string[] = [];
  for (let i = 0; i < 50_000; i++) ndjson.push(JSON.stringify(demoRecord('KE', 9 * (loaded + i) + 1)));
  const started = performance.now();
  const report = await importRecords(
    ctx,
    agencySystemPrincipal(agencyRef(agency)),
    ndjsonLines(Readable.from([ndjson.join('\n')])),
    'skip-invalid',
  );
  const rate = report.imported / ((performance.now() - started) / 1000);
  loaded += report.imported;
  return rate;
}

/**
 * The checks of one checkpoint, from a new process (records-load.ts): fresh border systems,
 * whatever this process did before.
 */
async function measureLoad(baseUrl: string, apiKey: string): Promise<LoadFigures> {
  const job: LoadJob = {
    baseUrl,
    apiKey,
    databaseUrl,
    seconds,
    connections: CONNECTIONS,
    batchClients: BATCH_CLIENTS,
    hitPercent: HIT_PERCENT,
    known,
  };
  return runLoadProcess<LoadJob, LoadFigures>(path.join(here, 'records-load.ts'), job);
}

const { key } = await createApiKey(ctx, systemPrincipal(), {
  agency: 'FR',
  name: 'bench',
  permissions: ['records:read'],
});
// The server runs as in production — `concord serve`, in its own processes
// (BENCH_WORKERS of them, default 1: on two cores shared with PostgreSQL and the load
// generator, a second process measured slower) — and this process generates the load.
const workers = process.env.BENCH_WORKERS ?? '1';
const server = spawn(process.execPath, [path.join(here, '../bin/concord.js'), 'serve'], {
  env: {
    ...process.env,
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'warn',
    PORT: '0',
    CONCORD_DEMO: 'off',
    CONCORD_WORKERS: workers,
  },
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
console.log(`Server: concord serve with ${workers} process(es)`);

const fmt = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en') : '–');
const rows: string[] = [];
const curve: { records: number; single: SingleFigure[] }[] = [];
for (const target of checkpoints) {
  rawBaselinePending = true;
  const importRate = await loadUpTo(target);
  const documentsRate = await importDocuments();
  const load = await measureLoad(baseUrl, key);
  curve.push({ records: target, single: load.single });
  const singles = load.single
    .map(
      (s) =>
        `${s.connections} at once ${fmt(s.httpPerSecond)}/s p50 ${s.p50} p99 ${s.p99} ms (${s.errors} errors) vs SQL ${fmt(s.sqlPerSecond)}/s (${((s.httpPerSecond / s.sqlPerSecond) * 100).toFixed(0)}%)`,
    )
    .join('; ');
  rows.push(
    `${target.toLocaleString('en').padStart(11)} records | import all kinds ${fmt(importRate).padStart(7)}/s, travel documents ${fmt(documentsRate)}/s (alone on one core: validation ${fmt(rawRates.validation)}/s, writes ${fmt(rawRates.writes)}/s; raw JSON insert ${fmt(rawRates.raw)}/s)` +
      ` | single checks HTTP: ${singles}` +
      ` | batch HTTP ${fmt(load.batchPerSecond)}/s vs SQL ${fmt(load.sqlBatchPerSecond)}/s`,
  );
  console.log(rows[rows.length - 1]);
}
const first = curve[0]!;
const last = curve[curve.length - 1]!;
for (const [i, s] of last.single.entries()) {
  const base = first.single[i]!;
  console.log(
    `Curve (${s.connections} at once): HTTP single checks at ${last.records.toLocaleString('en')} records are ${((s.httpPerSecond / base.httpPerSecond) * 100).toFixed(0)}% of the figure at ${first.records.toLocaleString('en')}` +
      ` (SQL: ${((s.sqlPerSecond / base.sqlPerSecond) * 100).toFixed(0)}%)`,
  );
}

server.kill('SIGTERM');
await new Promise((resolve) => server.once('exit', resolve));
await sqlClient.end();
await closeContext(ctx);
if (process.env.BENCH_KEEP) console.log(`Kept the database: ${databaseUrl}`);
else await admin.unsafe(`DROP DATABASE ${dbName} WITH (FORCE)`);
await admin.end();
