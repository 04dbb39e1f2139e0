import readline from 'node:readline';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import secureJson from 'secure-json-parse';
import {
  isStorable,
  mayHoldUnstorable,
  toStorable,
  UNSTORABLE_MESSAGE,
  unstorablePointer,
} from '../platform/storable-text.ts';
import type { ImportLine } from './bulk.ts';

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0']);

function csvBoolean(cell: string): boolean | string {
  const word = cell.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return cell;
}

/** A line read, or why it could not be (`field`, a JSON pointer within the line, when one is to blame). */
export type ParsedLine =
  | { line: number; value: ImportLine }
  | { line: number; error: string; field?: string };

/** NDJSON: one POST /records body per line; blank lines are skipped. */
export async function* ndjsonLines(stream: Readable): AsyncGenerator<ParsedLine> {
  const lines = readline.createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  let n = 0;
  for await (const text of lines) {
    n++;
    if (text.trim() === '') continue;
    let value: ImportLine;
    try {
      // As JSON request bodies are parsed: a __proto__ or constructor.prototype key is
      // refused, not carried into the record where later code could meet it.
      value = secureJson.parse(text, undefined, {
        protoAction: 'error',
        constructorAction: 'error',
      }) as ImportLine;
    } catch (error) {
      yield {
        line: n,
        error:
          error instanceof SyntaxError && /forbidden prototype/.test(error.message)
            ? 'holds a __proto__ or constructor.prototype key'
            : 'not valid JSON',
      };
      continue;
    }
    const unstorable = mayHoldUnstorable(text) ? unstorablePointer(value) : null;
    yield unstorable ? { line: n, error: UNSTORABLE_MESSAGE, field: unstorable } : { line: n, value };
  }
}

/**
 * CSV with a header row. Columns name fields by path: `number`, `names.0.full`,
 * `policy.visibility`; a column ending in `[]` holds a list separated by `;`
 * (`nationalities[]`, `policy.agencies[]`). `kind` comes from a column or the default;
 * `kind`, `policy.…`, `reviewAt` and `externalRef` are the line's, the rest its data's.
 * Empty cells are left out; `true`/`false` in `policy.hitOnly` become booleans.
 */
export async function* csvLines(stream: Readable, defaultKind?: string): AsyncGenerator<ParsedLine> {
  // Rows are read as lists and matched to the header here, so that a row with a cell too few
  // or too many is one invalid line, not the end of the file (the parser stops at it).
  const parser = stream.pipe(
    parse({ skip_empty_lines: true, trim: true, bom: true, relax_column_count: true, info: true }),
  );
  let header: string[] | null = null;
  let n = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      n = info.lines;
      if (!header) {
        const problem = headerProblem(record);
        if (problem) throw new HeaderProblem(problem);
        if (!defaultKind && !record.includes('kind'))
          throw new HeaderProblem(
            'no kind column, and no kind given for the file (?kind=vehicle, concord import --kind vehicle): say which kind of records it holds',
          );
        header = record;
        continue;
      }
      if (record.length !== header.length) {
        yield { line: n, error: `has ${record.length} cells where the header has ${header.length} columns` };
        continue;
      }
      const columns = header;
      const row = Object.fromEntries(columns.map((column, i) => [column, record[i]!]));
      const unstorable = Object.entries(row).find(([, cell]) => !isStorable(cell));
      if (unstorable) {
        yield { line: n, error: `column ${toStorable(unstorable[0])} ${UNSTORABLE_MESSAGE}` };
        continue;
      }
      const line: Record<string, unknown> = { kind: defaultKind, data: {} };
      for (const [column, cell] of Object.entries(row)) {
        if (cell === '') continue;
        const isList = column.endsWith('[]');
        const path = (isList ? column.slice(0, -2) : column).split('.');
        let value: unknown = isList
          ? cell
              .split(';')
              .map((v) => v.trim())
              .filter(Boolean)
          : cell;
        // As spreadsheets write it (TRUE, Yes, 1); anything else stays text, for the policy's
        // check to name, rather than quietly becoming false.
        if (path[0] === 'policy' && path[1] === 'hitOnly') value = csvBoolean(cell);
        const root =
          path[0] === 'kind' || path[0] === 'policy' || path[0] === 'reviewAt' || path[0] === 'externalRef'
            ? line
            : (line.data as Record<string, unknown>);
        setPath(root, path, value);
      }
      yield { line: n, value: line as unknown as ImportLine };
    }
  } catch (error) {
    // A header that names no usable field makes every row unreadable: one error, on line 1.
    if (error instanceof HeaderProblem) yield { line: 1, error: error.message };
    else yield { line: n + 1, error: `CSV: ${(error as Error).message}` };
  }
}

/**
 * A column names a field by a path of names and list positions. The path is written into
 * plain objects, so a segment must never reach an object's prototype (`__proto__`,
 * `constructor.prototype`: one import would change every object of the server process), and
 * a position must stay small (`names.99999999.full` would make a list of 100 million
 * slots). The longest list a record kind accepts has 50 items.
 */
const NAME_SEGMENT = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
const POSITION_SEGMENT = /^\d{1,2}$/;
const PROTOTYPE_KEYS = new Set(['__proto__', 'prototype', 'constructor']);

class HeaderProblem extends Error {}

function headerProblem(header: string[]): string | null {
  // csv-parse keeps the last of two columns with one name: the first's cells were lost unsaid.
  const twice = header.find((column, i) => header.indexOf(column) !== i);
  if (twice !== undefined) return `column "${toStorable(twice.slice(0, 100))}" appears twice`;
  for (const column of header) {
    if (!isStorable(column)) return `column ${toStorable(column)} ${UNSTORABLE_MESSAGE}`;
    const path = (column.endsWith('[]') ? column.slice(0, -2) : column).split('.');
    const bad = path.find(
      (segment, i) =>
        PROTOTYPE_KEYS.has(segment) ||
        !(NAME_SEGMENT.test(segment) || (i > 0 && POSITION_SEGMENT.test(segment))),
    );
    if (bad !== undefined)
      return `column "${column.slice(0, 100)}": not a field path (names of letters, digits, - and _, and list positions 0–99, separated by dots)`;
  }
  return null;
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node: Record<string, unknown> | unknown[] = target;
  path.forEach((key, i) => {
    // headerProblem refused these already; never write through a prototype whatever calls this.
    if (PROTOTYPE_KEYS.has(key)) throw new HeaderProblem(`column path segment ${key} is not allowed`);
    const last = i === path.length - 1;
    const index = /^\d+$/.test(key) ? Number(key) : key;
    if (last) {
      (node as Record<string | number, unknown>)[index] = value;
      return;
    }
    const nextIsIndex = /^\d+$/.test(path[i + 1]!);
    const current = (node as Record<string | number, unknown>)[index];
    if (current === undefined) (node as Record<string | number, unknown>)[index] = nextIsIndex ? [] : {};
    node = (node as Record<string | number, unknown>)[index] as Record<string, unknown>;
  });
}
