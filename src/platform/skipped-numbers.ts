/**
 * Event numbers a poll went past without finding, kept as ranges, each with when it was
 * first missed. Outbox numbers are given when a row is written, not when it commits: a
 * transaction that took 41–236 (a message to 196 bureaus) may commit after the one that took
 * 237 has been carried. Ranges, not numbers, because one open transaction can hold
 * thousands of them; a range shrinks or splits as its numbers turn up, and is forgotten
 * after `waitMs` — a number rolled back never turns up.
 */
export class SkippedNumbers {
  private ranges: { from: number; to: number; since: number }[] = [];

  constructor(
    private readonly waitMs: number,
    /** Ranges kept at most (the oldest go first): a bound on the poll's query. */
    private readonly maxRanges: number,
  ) {}

  /** The numbers strictly between two that were seen, missed at `at`. */
  skip(after: number, before: number, at: number): void {
    if (before - after < 2) return;
    this.ranges.push({ from: after + 1, to: before - 1, since: at });
    this.bound();
  }

  /** Numbers given up because there were too many ranges, since the last `takeDropped`. */
  private dropped = 0;

  private bound(): void {
    if (this.ranges.length <= this.maxRanges) return;
    for (const r of this.ranges.splice(0, this.ranges.length - this.maxRanges))
      this.dropped += r.to - r.from + 1;
  }

  /** How many numbers were given up since the last call (the caller says so in its log). */
  takeDropped(): number {
    const n = this.dropped;
    this.dropped = 0;
    return n;
  }

  /** A number that turned up: no longer looked for. */
  found(n: number): void {
    const i = this.ranges.findIndex((r) => r.from <= n && n <= r.to);
    if (i < 0) return;
    const r = this.ranges[i]!;
    const parts = [
      ...(r.from < n ? [{ from: r.from, to: n - 1, since: r.since }] : []),
      ...(n < r.to ? [{ from: n + 1, to: r.to, since: r.since }] : []),
    ];
    this.ranges.splice(i, 1, ...parts);
    // A number found inside a range splits it: two transactions' numbers interleave (two
    // processes sending at once), and one committing leaves a range for each of the other's.
    this.bound();
  }

  /** Forgets what has been looked for longer than the wait. */
  expire(now: number): void {
    this.ranges = this.ranges.filter((r) => now - r.since <= this.waitMs);
  }

  has(n: number): boolean {
    return this.ranges.some((r) => r.from <= n && n <= r.to);
  }

  /** The ranges looked for, inclusive, for the poll's query. */
  list(): readonly [number, number][] {
    return this.ranges.map((r) => [r.from, r.to]);
  }

  /** A copy, for a replay that must leave out what the poll will still carry. */
  snapshot(): SkippedNumbers {
    const copy = new SkippedNumbers(this.waitMs, this.maxRanges);
    copy.ranges = this.ranges.map((r) => ({ ...r }));
    return copy;
  }

  /** Numbers looked for, in all (for tests and logs). */
  get size(): number {
    return this.ranges.reduce((n, r) => n + r.to - r.from + 1, 0);
  }
}
