/**
 * Micro-benchmark of the names library: µs per prepareQuery, per preparePerson and per
 * scoreOnly / scorePerson of a query against a prepared candidate (best of five rounds).
 * `npx tsx bench/names-scoring.ts`
 */

import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { preparePerson, prepareQuery, scoreOnly, scorePerson } from '../src/names/index.ts';

const load = (f: string) =>
  readFileSync(new URL(`../eval/names/${f}`, import.meta.url), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
const persons = load('dev.persons.ndjson');
const allQueries = load('dev.queries.ndjson');
const queries = allQueries.slice(0, 300);

/** Best of `rounds` timed rounds after a warm-up: on a shared machine the minimum is the stable figure. */
function time(label: string, n: number, f: () => void, rounds = 5): number {
  f();
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < rounds; round++) {
    const t = performance.now();
    f();
    best = Math.min(best, ((performance.now() - t) * 1000) / n);
  }
  console.log(`${label.padEnd(34)} ${best.toFixed(2).padStart(8)} µs`);
  return best;
}

console.log(`${cpus()[0]?.model ?? 'cpu'} × ${cpus().length}, Node ${process.version}`);
const prepared = persons.map((p) => preparePerson(p));
time(
  'preparePerson',
  persons.length,
  () => {
    for (const p of persons) preparePerson(p);
  },
  15,
);
const pq = queries.map((q) => prepareQuery(q));
time(
  'prepareQuery',
  allQueries.length,
  () => {
    for (const q of allQueries) prepareQuery(q);
  },
  15,
);
const pairs = pq.length * prepared.length;
let sink = 0;
time('scoreOnly (query × candidate)', pairs, () => {
  for (const q of pq) for (const c of prepared) sink += scoreOnly(q, c);
});
const some = prepared.slice(0, 300);
time('scorePerson with explanation', pq.length * some.length, () => {
  for (const q of pq) for (const c of some) sink += scorePerson(q, c).score;
});
const bytes = prepared.reduce((a, p) => a + JSON.stringify(p).length, 0) / prepared.length;
console.log(`prepared person, JSON bytes (mean)  ${bytes.toFixed(0).padStart(8)}`);
if (sink < 0) console.log(sink);
