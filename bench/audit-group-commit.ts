/**
 * Audit group commit versus one transaction per entry.
 *
 *   npx tsx bench/audit-group-commit.ts                 # embedded PGlite (durable, on disk)
 *   BENCH_DATABASE_URL=postgres://… npx tsx bench/audit-group-commit.ts   # plus a PostgreSQL server
 *
 * Simulates concurrent requests that each write one audit entry and wait for it to be
 * durable, as every API request does. Prints entries per second for both modes and the ratio.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { systemPrincipal } from '../src/access/principal.ts';
import { verifyAuditChain } from '../src/audit/verify.ts';
import { AuditWriter } from '../src/audit/writer.ts';
import { systemClock } from '../src/platform/clock.ts';
import { type Database, openDatabase } from '../src/platform/db.ts';
import { migrate } from '../src/platform/migrate.ts';

const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 3000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);

async function run(db: Database, maxBatch: number): Promise<{ perSecond: number; batches: number }> {
  const writer = new AuditWriter(db.kysely, systemClock, undefined, maxBatch);
  const principal = systemPrincipal();
  let next = 0;
  const started = performance.now();
  // Each worker is a stream of requests: record, wait for durability, next request.
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < ENTRIES) {
        const i = next++;
        await writer.record({
          principal,
          action: 'bench.request',
          outcome: 'success',
          objectType: 'record',
          objectId: String(i),
          details: { i },
        });
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await writer.close();
  return { perSecond: ENTRIES / seconds, batches: writer.batches };
}

async function bench(label: string, open: () => Promise<Database>) {
  const db = await open();
  await migrate(db);
  // Warm up the connection and the chain head.
  await run(db, 500);
  const grouped = await run(db, 500);
  const single = await run(db, 1);
  const chain = await verifyAuditChain(db.kysely);
  await db.close();
  console.log(
    `${label.padEnd(22)} group commit ${grouped.perSecond.toFixed(0).padStart(7)} entries/s (${grouped.batches} transactions)` +
      ` | one per entry ${single.perSecond.toFixed(0).padStart(6)} entries/s (${single.batches} transactions)` +
      ` | ratio ${(grouped.perSecond / single.perSecond).toFixed(1)}x | chain ${chain.ok ? 'intact' : 'BROKEN'} (${chain.checked})`,
  );
}

console.log(`Audit group commit benchmark: ${ENTRIES} entries, ${CONCURRENCY} concurrent requests`);
console.log(
  `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-bench-'));
try {
  await bench('PGlite (embedded)', () => openDatabase({ dataDir: dir }));
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
if (process.env.BENCH_DATABASE_URL) {
  await bench('PostgreSQL server', () => openDatabase({ databaseUrl: process.env.BENCH_DATABASE_URL }));
}
