import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import ar from '../../web/src/i18n/locales/ar.ts';
import en, { type Messages } from '../../web/src/i18n/locales/en.ts';
import es from '../../web/src/i18n/locales/es.ts';
import fr from '../../web/src/i18n/locales/fr.ts';

/** Flattened keys, with plural suffixes folded (Arabic has more plural forms than English). */
function keys(messages: Messages, prefix = ''): Set<string> {
  const out = new Set<string>();
  for (const [key, value] of Object.entries(messages)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.add(full.replace(/_(zero|one|two|few|many|other)$/, ''));
    else for (const k of keys(value, full)) out.add(k);
  }
  return out;
}

function placeholders(messages: Messages, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(messages)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') {
      const found = [...value.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
      out.set(full, found.join(','));
    } else for (const [k, v] of placeholders(value, full)) out.set(k, v);
  }
  return out;
}

describe('interface languages', () => {
  const reference = keys(en);

  it.each([
    ['fr', fr],
    ['es', es],
    ['ar', ar],
  ])('%s has exactly the English keys', (_name, messages) => {
    const own = keys(messages);
    expect([...reference].filter((k) => !own.has(k))).toEqual([]);
    expect([...own].filter((k) => !reference.has(k))).toEqual([]);
  });

  it.each([
    ['fr', fr],
    ['es', es],
  ])('%s uses the same placeholders as English', (_name, messages) => {
    const english = placeholders(en);
    for (const [key, found] of placeholders(messages)) {
      expect(found, key).toBe(english.get(key));
    }
  });

  it('every translation key used in the UI exists in English', () => {
    const used = new Set<string>();
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
          const source = fs.readFileSync(file, 'utf8');
          for (const m of source.matchAll(/\bt\(\s*'([a-zA-Z][\w.-]*)'/g)) used.add(m[1]!);
        }
      }
    };
    walk(path.resolve(import.meta.dirname, '../../web/src'));
    expect(used.size).toBeGreaterThan(100);
    expect([...used].filter((k) => !reference.has(k))).toEqual([]);
  });
});
