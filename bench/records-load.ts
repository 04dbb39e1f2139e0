/**
 * The load generator of records-search.ts, in a process of its own for each measurement:
 * a border system is not the process that imported ten million records. Run in the loading
 * process, the same load generator had a heap and a history that grew with every
 * checkpoint, and its own CPU — not PostgreSQL, not the server — set the figures (the plain
 * SQL probe fell from ~20,000/s to ~8,000/s as the benchmark went on, while PostgreSQL
 * spent 6 µs on each probe and a fresh process reached 20,000/s on the same database).
 *
 * Reads its job as JSON on stdin, prints its figures as one JSON line on stdout.
 */
import { randomInt } from 'node:crypto';
import autocannon from 'autocannon';
import { readJob } from './load-process.ts';
import { benchPostgres } from './postgres-client.ts';

export interface LoadJob {
  baseUrl: string;
  apiKey: string;
  databaseUrl: string;
  seconds: number;
  /** Concurrent single checks, one measurement each (border posts checking at once). */
  connections: number[];
  batchClients: number;
  hitPercent: number;
  /** Document numbers that exist (hits), with their issuing country. */
  known: { value: string; country: string }[];
}

export interface SingleFigure {
  connections: number;
  sqlPerSecond: number;
  httpPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

export interface LoadFigures {
  single: SingleFigure[];
  batchPerSecond: number;
  sqlBatchPerSecond: number;
}

const job = await readJob<LoadJob>();
const sqlClient = benchPostgres(job.databaseUrl, { max: 8 });

function query() {
  const hit = randomInt(10_000) < job.hitPercent * 100 && job.known.length > 0;
  return hit ? job.known[randomInt(job.known.length)]! : { value: `NO${randomInt(1e9)}`, country: 'KE' };
}

/** Baseline: the identifier probe alone, as plain SQL through postgres.js, at the same concurrency. */
async function sqlSingle(connections: number) {
  let done = 0;
  const until = performance.now() + job.seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until) {
        const q = query();
        await sqlClient`SELECT record_id FROM record_identifiers WHERE scheme = 'document' AND value = ${q.value}`;
        done++;
      }
    }),
  );
  return done / job.seconds;
}

/**
 * Single checks over HTTP. The bodies are made beforehand, as the batch bodies are, and
 * autocannon sends each as a ready buffer: a border system's work is its own, and on this
 * machine every microsecond the load generator spends is one the server and PostgreSQL do
 * not get (building each request anew cost ~15% of the measured rate). Each connection
 * goes through the same list of distinct checks, 1% of them hits.
 */
const SINGLE_BODIES = 2000;

/** What a border system sends with every check. */
const checkHeaders = { authorization: `Bearer ${job.apiKey}`, 'content-type': 'application/json' };

async function httpSingle(connections: number) {
  const result = await autocannon({
    url: `${job.baseUrl}/api/v1/search/identifiers`,
    connections,
    duration: job.seconds,
    requests: Array.from({ length: SINGLE_BODIES }, () => {
      const q = query();
      return {
        method: 'POST' as const,
        headers: checkHeaders,
        body: JSON.stringify({ queries: [{ scheme: 'document', value: q.value, country: q.country }] }),
      };
    }),
  });
  return {
    perSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

/** Batch bodies are made beforehand: the client's work is not the server's. */
function batchBodies(count: number, size: number) {
  return Array.from({ length: count }, () =>
    Array.from({ length: size }, () => {
      const q = query();
      return { scheme: 'document', value: q.value, country: q.country };
    }),
  );
}

/** 10,000-identifier batches from `batchClients` national systems at once. */
function httpBatch(size = 10_000, rounds = 12) {
  const bodies = batchBodies(rounds, size).map((queries) => JSON.stringify({ queries }));
  return identifiersPerSecond(bodies, size, async (body) => {
    const response = await fetch(`${job.baseUrl}/api/v1/search/identifiers`, {
      method: 'POST',
      headers: checkHeaders,
      body,
    });
    if (response.status !== 200) throw new Error(`batch failed: ${response.status} ${await response.text()}`);
    await response.arrayBuffer();
  });
}

/** Baseline: the same batches as plain SQL (keys joined to the index), as many at once. */
function sqlBatch(size = 10_000, rounds = 12) {
  const batches = batchBodies(rounds, size).map((queries) => queries.map((q) => q.value));
  return identifiersPerSecond(batches, size, async (values) => {
    await sqlClient`SELECT q.value, i.record_id FROM unnest(${values}::text[]) AS q(value) JOIN record_identifiers i ON i.scheme = 'document' AND i.value = q.value`;
  });
}

/** Runs the batches `batchClients` at a time; identifiers checked per second. */
async function identifiersPerSecond<T>(batches: T[], size: number, run: (batch: T) => Promise<void>) {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: job.batchClients }, async () => {
      while (next < batches.length) await run(batches[next++]!);
    }),
  );
  return (size * batches.length) / ((performance.now() - started) / 1000);
}

const single: SingleFigure[] = [];
for (const connections of job.connections) {
  const sqlPerSecond = await sqlSingle(connections);
  const http = await httpSingle(connections);
  single.push({
    connections,
    sqlPerSecond,
    httpPerSecond: http.perSecond,
    p50: http.p50,
    p99: http.p99,
    errors: http.errors,
  });
}
const batchPerSecond = await httpBatch();
const sqlBatchPerSecond = await sqlBatch();
await sqlClient.end();
const figures: LoadFigures = { single, batchPerSecond, sqlBatchPerSecond };
process.stdout.write(`${JSON.stringify(figures)}\n`);
