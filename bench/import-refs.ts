/**
 * Imports that name their records by the owner's own reference (externalRef): what a nightly
 * sync of a national register costs, against the same lines imported without references in
 * the same run (the fast path every import took before references existed).
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/import-refs.ts
 *
 * It creates (and drops) its own database on the server. BENCH_LINES (default 50,000) travel
 * documents per figure, skip-invalid mode (batches in their own transactions, two at once).
 * Figures: without references (baseline); with references, all new (created); the same file
 * again (all unchanged); the file again with 1% of its lines changed (updated).
 */
import os from 'node:os';
import { Readable } from 'node:stream';
import { agencySystemPrincipal } from '../src/access/principal.ts';
import { agencyRef, findAgency } from '../src/identity/agencies.ts';
import { firstStart } from '../src/identity/seed.ts';
import { closeContext, createContext } from '../src/platform/bootstrap.ts';
import { loadConfig } from '../src/platform/config.ts';
import { importRecords } from '../src/records/bulk.ts';
import { ndjsonLines } from '../src/records/formats.ts';
import { benchPostgres } from './postgres-client.ts';

const adminUrl = process.env.BENCH_DATABASE_URL;
if (!adminUrl) {
  console.error(
    'Set BENCH_DATABASE_URL to a PostgreSQL server (the benchmark creates its own database there).',
  );
  process.exit(2);
}
const LINES = Number(process.env.BENCH_LINES ?? 50_000);
const dbName = `concord_bench_${Date.now()}`;
const admin = benchPostgres(adminUrl, { max: 1 });
await admin.unsafe(`CREATE DATABASE ${dbName}`);
const url = new URL(adminUrl);
url.pathname = `/${dbName}`;

console.log(
  `Import by reference — ${os.cpus().length} × ${os.cpus()[0]?.model}, Node ${process.version}, ${LINES.toLocaleString('en')} lines per figure`,
);
const ctx = await createContext(
  loadConfig({
    DATABASE_URL: url.toString(),
    LOG_LEVEL: 'warn',
    CONCORD_DEMO_PASSWORD: 'bench-password-123',
    CONCORD_ADMIN_PASSWORD: 'bench-password-123',
  }),
);
try {
  await firstStart(ctx, { demo: true });
  const principal = agencySystemPrincipal(agencyRef((await findAgency(ctx.db, 'KE'))!));
  const line = (prefix: string, i: number, ref: boolean, status = 'stolen') =>
    JSON.stringify({
      kind: 'travel-document',
      ...(ref ? { externalRef: `KE/REG/${prefix}/${i}` } : {}),
      data: {
        number: `${prefix}${String(i).padStart(7, '0')}`,
        type: 'passport',
        issuingCountry: 'KE',
        status,
      },
    });
  const run = async (label: string, lines: string[], baseline?: number) => {
    const started = performance.now();
    const report = await importRecords(
      ctx,
      principal,
      ndjsonLines(Readable.from([lines.join('\n')])),
      'skip-invalid',
    );
    const rate = lines.length / ((performance.now() - started) / 1000);
    const { created, updated, unchanged, invalidCount } = report;
    console.log(
      `${label.padEnd(38)} ${Math.round(rate).toLocaleString('en').padStart(8)} lines/s${baseline ? `  ${(rate / baseline).toFixed(2)}× baseline` : ''}  (created ${created}, updated ${updated}, unchanged ${unchanged}, invalid ${invalidCount})`,
    );
    return rate;
  };
  // A warm-up, so that the first figure does not pay for the first plans and pages.
  await run(
    'warm-up (not compared)',
    Array.from({ length: 5_000 }, (_, i) => line('WU', i, false)),
  );
  const baseline = await run(
    'without references (baseline)',
    Array.from({ length: LINES }, (_, i) => line('NR', i, false)),
  );
  const file = Array.from({ length: LINES }, (_, i) => line('RF', i, true));
  await run('with references, all new', file, baseline);
  await run('the same file again (unchanged)', file, baseline);
  const changed = file.map((l, i) => (i % 100 === 0 ? line('RF', i, true, 'revoked') : l));
  await run('again, 1% of lines changed', changed, baseline);
} finally {
  await closeContext(ctx);
  if (process.env.BENCH_KEEP) console.log(`kept: database ${dbName}`);
  else await admin.unsafe(`DROP DATABASE ${dbName} WITH (FORCE)`);
  await admin.end();
}
