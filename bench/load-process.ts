import { spawn } from 'node:child_process';

/**
 * Load generators run in a process of their own for each measurement (a border system is
 * not the process that imported the records): the job goes as JSON on stdin, the figures
 * come back as one JSON line on stdout.
 */
export async function runLoadProcess<Job, Figures>(script: string, job: Job): Promise<Figures> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  child.stdin!.end(JSON.stringify(job));
  let output = '';
  child.stdout!.on('data', (chunk) => {
    output += chunk;
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`the load generator ${script} stopped (${code})`);
  return JSON.parse(output) as Figures;
}

/** The job of a load process, as its parent wrote it on stdin. */
export async function readJob<Job>(): Promise<Job> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Job;
}
