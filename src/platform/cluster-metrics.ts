import cluster from 'node:cluster';
import { AggregatorRegistry, type Registry } from 'prom-client';

/**
 * Metrics of every server process in one answer (`CONCORD_WORKERS` > 1).
 *
 * The processes share one port, so a scrape of `/metrics` reaches whichever process the
 * kernel picks: each answering for itself, Prometheus would see counters jump between the
 * processes' values and compute nonsense rates. Instead the process that takes the scrape
 * asks the primary, which asks every worker for its figures (prom-client's cluster
 * protocol) and sums them — request counts and durations per route, audit entries — and
 * sends the text back.
 */

interface MetricsRequest {
  concord: 'metrics-request';
  id: number;
}

interface MetricsAnswer {
  concord: 'metrics-answer';
  id: number;
  text?: string;
  error?: string;
}

/** How long a process waits for the others' figures (prom-client gives up after 5 s). */
const ANSWER_TIMEOUT_MS = 7000;

/** Primary: answers the workers' requests for everyone's metrics. Call once, before forking. */
export function serveClusterMetrics(): void {
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker, message: unknown) => {
    const request = message as MetricsRequest | null;
    if (request?.concord !== 'metrics-request') return;
    const answer = (fields: Omit<MetricsAnswer, 'concord' | 'id'>) => {
      if (worker.isConnected()) worker.send({ concord: 'metrics-answer', id: request.id, ...fields });
    };
    aggregator.clusterMetrics().then(
      (text) => answer({ text }),
      (error: Error) => answer({ error: error.message }),
    );
  });
}

let workerSide: { pending: Map<number, (answer: MetricsAnswer) => void>; next: number } | undefined;

/**
 * Worker: offers this process's registry to the primary's collections. Call at start, not at
 * the first scrape: the primary asks every process, and one that has not joined never answers.
 */
export function joinClusterMetrics(registry: Registry): void {
  if (!workerSide) {
    // Constructing one installs prom-client's answer to the primary's collection requests.
    new AggregatorRegistry();
    const pending = new Map<number, (answer: MetricsAnswer) => void>();
    process.on('message', (message: unknown) => {
      const answer = message as MetricsAnswer | null;
      if (answer?.concord === 'metrics-answer') pending.get(answer.id)?.(answer);
    });
    workerSide = { pending, next: 0 };
  }
  AggregatorRegistry.setRegistries([registry]);
}

/** Worker: the metrics of all the server processes, summed; rejects when they do not come. */
export function clusterMetrics(): Promise<string> {
  const side = workerSide;
  if (!side) return Promise.reject(new Error('this process has not joined the collection'));
  const id = side.next++;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => settle({ concord: 'metrics-answer', id, error: 'no answer' }),
      ANSWER_TIMEOUT_MS,
    );
    function settle(answer: MetricsAnswer) {
      clearTimeout(timer);
      side!.pending.delete(id);
      if (answer.text !== undefined) resolve(answer.text);
      else reject(new Error(`the server processes' metrics could not be collected: ${answer.error}`));
    }
    side.pending.set(id, settle);
    process.send?.({ concord: 'metrics-request', id } satisfies MetricsRequest);
  });
}
