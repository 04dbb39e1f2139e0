import readline from 'node:readline';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import {
  isStorable,
  mayHoldUnstorable,
  toStorable,
  UNSTORABLE_MESSAGE,
  unstorablePointer,
} from '../platform/storable-text.ts';
import type { ImportLine } from './bulk.ts';

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
      value = JSON.parse(text) as ImportLine;
    } catch {
      yield { line: n, error: 'not valid JSON' };
      continue;
    }
    const unstorable = mayHoldUnstorable(text) ? unstorablePointer(value) : null;
    yield unstorable ? { line: n, error: UNSTORABLE_MESSAGE, field: unstorable } : { line: n, value };
  }
}

/**
 * CSV with a header row. Columns name fields by path: `number`, `names.0.full`,
 * `policy.visibility`; a column ending in `[]` holds a list separated by `;`
 * (`nationalities[]`, `policy.agencies[]`). `kind` comes from a column or the default.
 * Empty cells are left out; `true`/`false` in `policy.hitOnly` become booleans.
 */
export async function* csvLines(stream: Readable, defaultKind?: string): AsyncGenerator<ParsedLine> {
  const parser = stream.pipe(
    parse({ columns: true, skip_empty_lines: true, trim: true, bom: true, relax_column_count: false }),
  );
  let n = 1;
  try {
    for await (const row of parser as AsyncIterable<Record<string, string>>) {
      n++;
      const unstorable = Object.entries(row).find(
        ([column, cell]) => !isStorable(cell) || !isStorable(column),
      );
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
        if (path[0] === 'policy' && path[1] === 'hitOnly') value = cell === 'true';
        const root =
          path[0] === 'kind' || path[0] === 'policy' || path[0] === 'reviewAt'
            ? line
            : (line.data as Record<string, unknown>);
        setPath(root, path, value);
      }
      yield { line: n, value: line as unknown as ImportLine };
    }
  } catch (error) {
    yield { line: n + 1, error: `CSV: ${(error as Error).message}` };
  }
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node: Record<string, unknown> | unknown[] = target;
  path.forEach((key, i) => {
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
