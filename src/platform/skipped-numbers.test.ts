import { describe, expect, it } from 'vitest';
import { SkippedNumbers } from './skipped-numbers.ts';

describe('skipped event numbers', () => {
  it('are looked for as ranges however many one open transaction took, until each turns up', () => {
    const gaps = new SkippedNumbers(60_000, 200);
    gaps.skip(40, 40_237, 0); // a message to 196 bureaus, 200 times over, still committing
    expect(gaps.size).toBe(40_196);
    expect(gaps.list()).toEqual([[41, 40_236]]);
    gaps.found(41);
    gaps.found(100);
    expect(gaps.list()).toEqual([
      [42, 99],
      [101, 40_236],
    ]);
    expect(gaps.has(100)).toBe(false);
    expect(gaps.has(99)).toBe(true);
    for (let n = 42; n <= 99; n++) gaps.found(n);
    expect(gaps.list()).toEqual([[101, 40_236]]);
  });

  it('note nothing between neighbours, forget what waited too long, and keep at most so many ranges', () => {
    const gaps = new SkippedNumbers(60_000, 2);
    gaps.skip(1, 2, 0);
    expect(gaps.size).toBe(0);
    gaps.skip(2, 4, 0);
    gaps.skip(4, 6, 30_000);
    gaps.skip(6, 8, 30_000);
    expect(gaps.list()).toEqual([
      [5, 5],
      [7, 7],
    ]);
    expect(gaps.takeDropped()).toBe(1); // 3, given up for the newer ranges
    expect(gaps.takeDropped()).toBe(0);
    gaps.expire(90_001);
    expect(gaps.size).toBe(0);
  });

  it('keep at most so many ranges however one splits as its numbers turn up', () => {
    const gaps = new SkippedNumbers(60_000, 3);
    gaps.skip(0, 100, 0); // two open transactions' numbers, interleaved
    for (let n = 2; n < 100; n += 2) gaps.found(n); // one commits
    expect(gaps.list()).toEqual([
      [95, 95],
      [97, 97],
      [99, 99],
    ]);
  });

  it('give a replay a copy that the poll’s findings do not change', () => {
    const gaps = new SkippedNumbers(60_000, 200);
    gaps.skip(10, 13, 0);
    const copy = gaps.snapshot();
    gaps.found(11);
    expect(copy.has(11)).toBe(true);
    expect(gaps.has(11)).toBe(false);
  });
});
