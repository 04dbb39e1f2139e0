/**
 * The load generator of persons-search.ts, in a process of its own for each measurement
 * (see records-load.ts for why): person searches over HTTP, then the pg_trgm baseline as
 * plain SQL, at the same concurrency, on queries drawn from the labelled positives.
 *
 * Reads its job as JSON on stdin, prints its figures as one JSON line on stdout.
 */
import { randomInt } from 'node:crypto';
import autocannon from 'autocannon';
import { readJob } from './load-process.ts';
import { benchPostgres } from './postgres-client.ts';
import { trigramCandidates } from './trigram-baseline.ts';

export interface PersonsLoadJob {
  baseUrl: string;
  apiKey: string;
  databaseUrl: string;
  seconds: number;
  connections: number;
  /** Each query as the API's request body and as the baseline's any-ascii text. */
  queries: { body: string; ascii: string }[];
}

export interface PersonsLoadFigures {
  http: { perSecond: number; p50: number; p97_5: number; p99: number; errors: number };
  trigram: { perSecond: number; p97_5: number };
}

const job = await readJob<PersonsLoadJob>();
const pick = () => job.queries[randomInt(job.queries.length)]!;

async function httpLoad(): Promise<PersonsLoadFigures['http']> {
  const result = await autocannon({
    url: `${job.baseUrl}/api/v1/search/persons`,
    connections: job.connections,
    duration: job.seconds,
    requests: [
      {
        method: 'POST',
        headers: { authorization: `Bearer ${job.apiKey}`, 'content-type': 'application/json' },
        setupRequest: (request) => ({ ...request, body: pick().body }),
      },
    ],
  });
  return {
    perSecond: result.requests.average,
    p50: result.latency.p50,
    p97_5: result.latency.p97_5,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

/** The baseline at the same concurrency, as plain SQL through postgres.js. */
async function trigramLoad(): Promise<PersonsLoadFigures['trigram']> {
  const sqlClient = benchPostgres(job.databaseUrl, { max: job.connections });
  let done = 0;
  const latencies: number[] = [];
  const until = performance.now() + job.seconds * 1000;
  await Promise.all(
    Array.from({ length: job.connections }, async () => {
      while (performance.now() < until) {
        const started = performance.now();
        await trigramCandidates(sqlClient, pick().ascii);
        latencies.push(performance.now() - started);
        done++;
      }
    }),
  );
  await sqlClient.end();
  latencies.sort((a, b) => a - b);
  return { perSecond: done / job.seconds, p97_5: latencies[Math.floor(latencies.length * 0.975)] ?? 0 };
}

const figures: PersonsLoadFigures = { http: await httpLoad(), trigram: await trigramLoad() };
process.stdout.write(`${JSON.stringify(figures)}\n`);
