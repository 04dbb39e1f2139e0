/**
 * `npm run eval:names`: recall at 1 and 10 and strong matches on negatives, per variant type,
 * for Concord (blocking keys into an in-memory index with the per-key limit the database
 * uses, then scoring) and two baselines: PostgreSQL pg_trgm similarity() over any-ascii
 * transliterations (PGlite) and Fuse.js. Baselines' "strong" threshold is the lowest that
 * keeps dev-set negatives at or under 2% strong, then applied unchanged to the held-out set.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import anyAscii from 'any-ascii';
import Fuse from 'fuse.js';
import {
  type PreparedPerson,
  personBlockingKeys,
  preparePerson,
  prepareQuery,
  queryBlockingKeys,
  STRONG,
  scorePerson,
} from '../../src/names/index.ts';
import type { EvalPerson, EvalQuery } from './build.ts';
import { Engine } from './engine.ts';
import { type Namesakes, type Pools, population } from './population.ts';

const here = dirname(fileURLToPath(import.meta.url));
function load<T>(file: string): T[] {
  return readFileSync(join(here, file), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as T);
}

interface Ranked {
  ids: string[];
  top: number;
  retrieved?: boolean;
}

interface System {
  name: string;
  search(q: EvalQuery): Promise<Ranked> | Ranked;
}

function concord(persons: EvalPerson[]): System & { candidates: number[]; read: number[] } {
  const engine = new Engine();
  const idOf: string[] = [];
  for (const p of persons) {
    engine.add(p);
    idOf.push(p.id);
  }
  const indexOf = new Map(idOf.map((id, i) => [id, i]));
  const candidates: number[] = [];
  const read: number[] = [];
  return {
    name: 'Concord',
    candidates,
    read,
    search(q) {
      const expect = q.expect !== undefined ? indexOf.get(q.expect) : undefined;
      const r = engine.search(q, expect);
      candidates.push(r.candidates);
      if (q.expect) read.push(r.read ? 1 : 0);
      return {
        ids: r.ranked.map((i) => idOf[i] ?? '-'),
        top: r.scores[0] ?? 0,
        retrieved: q.expect ? r.scored : undefined,
      };
    },
  };
}

const ascii = (s: string) => anyAscii(s).toLowerCase().replace(/\s+/g, ' ').trim();

async function trigram(persons: EvalPerson[]): Promise<System & { close(): Promise<void> }> {
  const db = await PGlite.create({ extensions: { pg_trgm } });
  await db.exec(`CREATE EXTENSION IF NOT EXISTS pg_trgm;
    CREATE TABLE person_names (person_id text NOT NULL, name text NOT NULL);`);
  const rows = persons.flatMap((p) => p.names.map((n) => [p.id, ascii(n.full)] as const));
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    await db.query(`INSERT INTO person_names SELECT * FROM unnest($1::text[], $2::text[])`, [
      chunk.map((r) => r[0]),
      chunk.map((r) => r[1]),
    ]);
  }
  await db.exec(`CREATE INDEX ON person_names USING gin (name gin_trgm_ops);
    SET pg_trgm.similarity_threshold = 0.1; ANALYZE person_names;`);
  return {
    name: 'pg_trgm',
    async search(q) {
      const r = await db.query<{ person_id: string; s: number }>(
        `SELECT person_id, max(similarity(name, $1)) AS s FROM person_names
         WHERE name % $1 GROUP BY person_id ORDER BY s DESC LIMIT 10`,
        [ascii(q.name)],
      );
      return { ids: r.rows.map((x) => x.person_id), top: Number(r.rows[0]?.s ?? 0) };
    },
    close: () => db.close(),
  };
}

function fuse(persons: EvalPerson[]): System {
  const docs = persons.flatMap((p) => p.names.map((n) => ({ id: p.id, name: ascii(n.full) })));
  const f = new Fuse(docs, { keys: ['name'], includeScore: true, threshold: 0.6, ignoreLocation: true });
  return {
    name: 'Fuse.js',
    search(q) {
      const seen = new Set<string>();
      const ids: string[] = [];
      let top = 0;
      for (const r of f.search(ascii(q.name), { limit: 40 })) {
        const s = 1 - (r.score ?? 1);
        if (ids.length === 0) top = s;
        if (!seen.has(r.item.id)) {
          seen.add(r.item.id);
          ids.push(r.item.id);
        }
        if (ids.length >= 10) break;
      }
      return { ids, top };
    },
  };
}

interface Outcome {
  q: EvalQuery;
  r: Ranked;
}

async function runAll(sys: System, queries: EvalQuery[]): Promise<Outcome[]> {
  const out: Outcome[] = [];
  for (const q of queries) out.push({ q, r: await sys.search(q) });
  return out;
}

/** Lowest threshold at which at most 2% of negatives have a top score at or above it. */
function fairThreshold(outcomes: Outcome[]): number {
  const neg = outcomes
    .filter((o) => !o.q.expect)
    .map((o) => o.r.top)
    .sort((a, b) => b - a);
  const allowed = Math.floor(neg.length * 0.02);
  return (neg[allowed] ?? 0) + 1e-9;
}

interface Row {
  n: number;
  r1: number;
  r10: number;
  strong: number;
}

function summarise(outcomes: Outcome[], threshold: number): Map<string, Row> {
  const rows = new Map<string, Row>();
  const add = (k: string, f: (r: Row) => void) => {
    const row = rows.get(k) ?? { n: 0, r1: 0, r10: 0, strong: 0 };
    f(row);
    rows.set(k, row);
  };
  for (const { q, r } of outcomes) {
    if (q.expect) {
      const hit1 = r.ids[0] === q.expect ? 1 : 0;
      const hit10 = r.ids.includes(q.expect) ? 1 : 0;
      for (const k of ['all positives', q.variant])
        add(k, (row) => {
          row.n++;
          row.r1 += hit1;
          row.r10 += hit10;
        });
    } else {
      const strong = r.top >= threshold ? 1 : 0;
      for (const k of ['all negatives', q.variant])
        add(k, (row) => {
          row.n++;
          row.strong += strong;
        });
    }
  }
  return rows;
}

const pct = (x: number, n: number) => (n === 0 ? '   -  ' : (x / n).toFixed(3).padStart(6));

function printTable(title: string, systems: { name: string; rows: Map<string, Row> }[]): void {
  console.log(`\n${title}`);
  const keys = [...(systems[0]?.rows.keys() ?? [])].sort((a, b) => {
    const rank = (k: string) =>
      k === 'all positives' ? 0 : k === 'all negatives' ? 2 : k.startsWith('negative') ? 3 : 1;
    return rank(a) - rank(b) || a.localeCompare(b);
  });
  const head = systems.map((s) => s.name.padEnd(24)).join(' | ');
  console.log(`${'variant'.padEnd(24)} ${'n'.padStart(5)} | ${head}`);
  console.log(`${''.padEnd(31)}| ${systems.map(() => 'R@1    R@10   strong  ').join(' | ')}`);
  for (const k of keys) {
    const n = systems[0]?.rows.get(k)?.n ?? 0;
    const cells = systems.map((s) => {
      const row = s.rows.get(k) ?? { n: 0, r1: 0, r10: 0, strong: 0 };
      const isNeg = k.includes('negative');
      return isNeg
        ? `${'   -  '} ${'   -  '} ${pct(row.strong, row.n)}  `
        : `${pct(row.r1, row.n)} ${pct(row.r10, row.n)} ${'   -  '}  `;
    });
    console.log(`${k.padEnd(24)} ${String(n).padStart(5)} | ${cells.join(' | ')}`);
  }
}

async function evaluate(
  set: string,
  thresholds: Map<string, number> | undefined,
  concordOnly: boolean,
  failures: boolean,
): Promise<Map<string, number>> {
  const persons = load<EvalPerson>(`${set}.persons.ndjson`);
  const queries = load<EvalQuery>(`${set}.queries.ndjson`);
  const t0 = performance.now();
  const c = concord(persons);
  const tg = concordOnly ? undefined : await trigram(persons);
  const fz = concordOnly ? undefined : fuse(persons);
  const results: { name: string; rows: Map<string, Row> }[] = [];
  const used = new Map<string, number>(thresholds ?? []);
  for (const sys of [c, tg, fz].filter((x): x is System => x !== undefined)) {
    const start = performance.now();
    const outcomes = await runAll(sys, queries);
    const ms = (performance.now() - start) / queries.length;
    const threshold =
      sys.name === 'Concord' ? STRONG : (thresholds?.get(sys.name) ?? fairThreshold(outcomes));
    used.set(sys.name, threshold);
    results.push({ name: `${sys.name} (${threshold.toFixed(2)})`, rows: summarise(outcomes, threshold) });
    console.log(`${set}: ${sys.name} ${ms.toFixed(2)} ms/query, strong threshold ${threshold.toFixed(3)}`);
    if (sys.name === 'Concord') {
      const retrieved = outcomes.filter((o) => o.q.expect && o.r.retrieved).length;
      const pos = outcomes.filter((o) => o.q.expect).length;
      const cand = c.candidates;
      const mean = cand.reduce((a, b) => a + b, 0) / Math.max(1, cand.length);
      console.log(
        `  candidates per query: mean ${mean.toFixed(0)}, max ${Math.max(...cand)}; right person retrieved: ${(retrieved / pos).toFixed(3)}`,
      );
      const read = c.read.reduce((a, b) => a + b, 0) / Math.max(1, c.read.length);
      console.log(`  right person read under some key: ${read.toFixed(3)}`);
      calibration(outcomes);
      if (failures)
        for (const o of outcomes)
          if (o.q.expect ? o.r.ids[0] !== o.q.expect : o.r.top >= STRONG)
            console.log(
              `✗ ${o.q.variant}: "${o.q.name}" [${o.q.dateOfBirth ?? '-'}] want ${o.q.expect ?? 'none'} got ${o.r.ids.slice(0, 3).join(' ')} (${o.r.top.toFixed(3)})`,
            );
    }
  }
  await tg?.close();
  printTable(
    `${set} set: ${persons.length} persons, ${queries.length} queries (${((performance.now() - t0) / 1000).toFixed(0)} s)`,
    results,
  );
  return used;
}

/** How often the top candidate is the right person, by score band of the top candidate. */
function calibration(outcomes: Outcome[]): void {
  const bins = [0, 0.5, 0.62, 0.72, 0.82, 0.9, 1.01];
  const parts: string[] = [];
  for (let i = 0; i + 1 < bins.length; i++) {
    const lo = bins[i] ?? 0;
    const hi = bins[i + 1] ?? 1;
    const inBin = outcomes.filter((o) => o.r.top >= lo && o.r.top < hi);
    const right = inBin.filter((o) => o.q.expect && o.r.ids[0] === o.q.expect).length;
    parts.push(`[${lo.toFixed(2)},${Math.min(1, hi).toFixed(2)}) ${right}/${inBin.length}`);
  }
  console.log(`  top-1 correct by score: ${parts.join('  ')}`);
}

/**
 * Scale mode: the set's persons (identities, distractors) hidden among `size` persons in all,
 * the generated population written first and the labelled persons last (so that the per-key
 * limit, which reads the earliest written first, works against them). A negative counts as
 * strong only when a labelled person is given a strong match: generated persons may
 * legitimately bear a negative query's name.
 */
function evaluateAtScale(
  set: string,
  size: number,
  pools: Pools,
  namesakes: Namesakes,
  failures: boolean,
): void {
  const persons = load<EvalPerson>(`${set}.persons.ndjson`);
  const queries = load<EvalQuery>(`${set}.queries.ndjson`);
  const t0 = performance.now();
  const engine = new Engine();
  const generated = Math.max(0, size - persons.length);
  for (const p of population(generated, persons, pools, namesakes)) engine.add(p);
  const first = engine.size;
  const indexOf = new Map<string, number>();
  for (const p of persons) indexOf.set(p.id, engine.add(p));
  const idOf = (i: number) => (i >= first ? (persons[i - first]?.id ?? '-') : '-');
  const loadS = (performance.now() - t0) / 1000;
  const rows = new Map<string, Row & { read: number; scored: number }>();
  const add = (k: string, f: (r: Row & { read: number; scored: number }) => void) => {
    const row = rows.get(k) ?? { n: 0, r1: 0, r10: 0, strong: 0, read: 0, scored: 0 };
    f(row);
    rows.set(k, row);
  };
  const start = performance.now();
  let shown = 0;
  for (const q of queries) {
    const expect = q.expect !== undefined ? indexOf.get(q.expect) : undefined;
    const r = engine.search(q, expect);
    if (q.expect) {
      const hit1 = r.ranked[0] === expect ? 1 : 0;
      const hit10 = expect !== undefined && r.ranked.includes(expect) ? 1 : 0;
      for (const k of ['all positives', q.variant])
        add(k, (row) => {
          row.n++;
          row.r1 += hit1;
          row.r10 += hit10;
          row.read += r.read ? 1 : 0;
          row.scored += r.scored ? 1 : 0;
        });
      if (failures && !hit1 && shown++ < 400) showFailure(engine, q, expect ?? -1, r, idOf);
    } else {
      const strong = r.ranked.some((id, k) => id >= first && (r.scores[k] ?? 0) >= STRONG) ? 1 : 0;
      for (const k of ['all negatives', q.variant])
        add(k, (row) => {
          row.n++;
          row.strong += strong;
        });
      if (failures && strong && shown++ < 400) showFailure(engine, q, -1, r, idOf);
    }
  }
  const ms = (performance.now() - start) / queries.length;
  console.log(
    `\n${set} set at scale: ${persons.length} labelled persons written last among ${engine.size.toLocaleString('en')} (population from ${pools} pools, namesakes by ${namesakes === 'all' ? 'keys and seed lines' : 'keys'}; loaded in ${loadS.toFixed(0)} s; ${ms.toFixed(2)} ms/query)`,
  );
  console.log(`${'variant'.padEnd(24)} ${'n'.padStart(5)} | R@1    R@10   strong | read   scored`);
  const keys = [...rows.keys()].sort((a, b) => {
    const rank = (k: string) =>
      k === 'all positives' ? 0 : k === 'all negatives' ? 2 : k.startsWith('negative') ? 3 : 1;
    return rank(a) - rank(b) || a.localeCompare(b);
  });
  for (const k of keys) {
    const row = rows.get(k) as Row & { read: number; scored: number };
    const cells = k.includes('negative')
      ? `   -      -   ${pct(row.strong, row.n)} |   -      -`
      : `${pct(row.r1, row.n)} ${pct(row.r10, row.n)}    -   | ${pct(row.read, row.n)} ${pct(row.scored, row.n)}`;
    console.log(`${k.padEnd(24)} ${String(row.n).padStart(5)} | ${cells}`);
  }
}

function showFailure(
  engine: Engine,
  q: EvalQuery,
  expect: number,
  r: { ranked: number[]; scores: number[]; read: boolean; scored: boolean },
  idOf: (i: number) => string,
): void {
  const pq = prepareQuery(q);
  const describe = (i: number) => {
    const p = engine.prepared[i] as PreparedPerson;
    const names = p.n.map((n) => n.t.map((t) => t.o).join(' ')).join(' / ');
    const s = scorePerson(pq, p);
    return `${names} [${p.d ?? '-'} ${p.x ?? '-'} ${p.c?.join(',') ?? '-'}] ${s.score.toFixed(3)} ${idOf(i)} — ${s.explanation.text}`;
  };
  console.log(
    `\n✗ ${q.variant}: "${q.name}" [${q.dateOfBirth ?? '-'} ${q.sex ?? '-'} ${q.nationality ?? '-'}]${expect >= 0 ? ` read ${r.read} scored ${r.scored}` : ''}`,
  );
  if (expect >= 0) console.log(`   want ${describe(expect)}`);
  for (const i of r.ranked.slice(0, 3)) console.log(`   got  ${describe(i)}`);
}

/**
 * The hand-written pairs of patterns.json: for each pattern, how many of its same-person pairs
 * Concord would find (the query shares a blocking key with the record) and call strong (and
 * strong or possible), and how many of its different-person pairs it calls strong. Names
 * only, no dates.
 */
function evaluatePatterns(): void {
  const { pairs } = JSON.parse(readFileSync(join(here, 'patterns.json'), 'utf8')) as {
    pairs: { pattern: string; record: string; query: string; match: boolean }[];
  };
  const rows = new Map<
    string,
    { same: number; strong: number; found: number; other: number; wrong: number }
  >();
  const missed: string[] = [];
  for (const pair of pairs) {
    const query = prepareQuery({ name: pair.query });
    const record = preparePerson({ names: [{ full: pair.record }] });
    const s = scorePerson(query, record);
    // Found at all only if a blocking key of the query is one of the record's.
    const keys = new Set(personBlockingKeys(record));
    const retrieved = queryBlockingKeys(query).some((k) => keys.has(k.key));
    const row = rows.get(pair.pattern) ?? { same: 0, strong: 0, found: 0, other: 0, wrong: 0 };
    if (pair.match) {
      row.same++;
      if (retrieved && s.band === 'strong') row.strong++;
      if (retrieved && s.band !== 'weak') row.found++;
      else
        missed.push(
          `${pair.pattern}: ${pair.record} ~ ${pair.query} (${retrieved ? s.score.toFixed(2) : 'shares no blocking key'})`,
        );
    } else {
      row.other++;
      if (s.band === 'strong') {
        row.wrong++;
        missed.push(`${pair.pattern}: ${pair.record} ~ ${pair.query} called strong (${s.score.toFixed(2)})`);
      }
    }
    rows.set(pair.pattern, row);
  }
  console.log(
    `\nReal-world patterns (eval/names/patterns.json, ${pairs.length} pairs; written while working on them, not held out)`,
  );
  console.log(`${'pattern'.padEnd(46)} same person: strong  strong or possible | different: strong`);
  for (const [pattern, r] of rows) {
    const same =
      r.same > 0
        ? `${r.strong}/${r.same}`.padStart(18) + `${r.found}/${r.same}`.padStart(20)
        : ' '.repeat(38);
    const other = r.other > 0 ? `${r.wrong}/${r.other}`.padStart(20) : '';
    console.log(`${pattern.padEnd(46)}${same} |${other}`);
  }
  for (const m of missed) console.log(`  ✗ ${m}`);
}

const args = process.argv.slice(2);
const flag = (name: string) => args.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
const value = (name: string) => flag(name)?.split('=')[1];
const sets = args.filter((a) => !a.startsWith('--'));
const chosen = sets.length > 0 ? sets : ['dev', 'heldout'];
const failures = flag('failures') !== undefined;
if (failures && chosen.includes('heldout')) {
  console.error('--failures is for the development set only: the held-out set is looked at in aggregate.');
  process.exit(2);
}
if (flag('population')) {
  const size = Number(value('population') ?? 100_000);
  const pools = (value('pools') ?? 'dev') as Pools;
  const namesakes = (value('namesakes') ?? 'all') as Namesakes;
  if (
    !Number.isFinite(size) ||
    size < 1 ||
    (pools !== 'dev' && pools !== 'all') ||
    (namesakes !== 'keys' && namesakes !== 'all')
  ) {
    console.error(
      'usage: run.ts [dev] [heldout] --population[=N] [--pools=dev|all] [--namesakes=all|keys] [--failures]',
    );
    process.exit(2);
  }
  for (const set of chosen) evaluateAtScale(set, size, pools, namesakes, failures);
} else {
  const only = flag('concord-only') !== undefined;
  let th: Map<string, number> | undefined;
  for (const set of chosen) th = await evaluate(set, th, only, failures);
  if (sets.length === 0) evaluatePatterns();
}
