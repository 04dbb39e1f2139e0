/** A one-line progress bar on standard error (only when it is a terminal, or CI logs fill up). */
export class Progress {
  private readonly started = performance.now();
  private lastDraw = 0;
  constructor(
    private readonly total: number,
    private readonly unit: 'records' | 'bytes' = 'records',
  ) {}

  update(done: number): void {
    const now = performance.now();
    if (!process.stderr.isTTY || now - this.lastDraw < 200) return;
    this.lastDraw = now;
    const fraction = this.total > 0 ? Math.min(done / this.total, 1) : 0;
    const width = 30;
    const bar = '█'.repeat(Math.round(fraction * width)).padEnd(width, '░');
    const rate = done / ((now - this.started) / 1000);
    const shown = this.unit === 'bytes' ? `${(done / 2 ** 20).toFixed(1)} MiB` : done.toLocaleString('en');
    process.stderr.write(
      `\r${bar} ${(fraction * 100).toFixed(0).padStart(3)}% ${shown} (${Math.round(rate).toLocaleString('en')} ${this.unit}/s)  `,
    );
  }

  finish(done: number): void {
    const seconds = (performance.now() - this.started) / 1000;
    if (process.stderr.isTTY) process.stderr.write('\n');
    if (this.unit === 'records')
      process.stderr.write(`${done.toLocaleString('en')} records in ${seconds.toFixed(1)} s\n`);
  }
}
