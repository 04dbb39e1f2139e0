import DataLoader from 'dataloader';

/**
 * Coalesces the work of concurrent requests into one database statement per turn of the
 * event loop. On the check path the cost of a lookup is mostly the round trip — a socket
 * write and a wake-up on both sides — not the index probe, so a busy server answering 32
 * border posts at once makes one round trip where it would have made 32.
 *
 * Items submitted while the loop handles incoming requests are run together when it next
 * reaches its check phase (setImmediate): the requests parsed in one poll phase share a
 * batch, and a lone request waits no longer than one loop turn.
 */
export type Coalescer<In, Out> = DataLoader<In, Out, In>;

export function coalescerFor<In, Out>(
  owner: object,
  name: string,
  run: (items: readonly In[]) => Promise<Out[]>,
  maxBatchSize = 256,
): Coalescer<In, Out> {
  let byName = registry.get(owner);
  if (!byName) {
    byName = new Map();
    registry.set(owner, byName);
  }
  let coalescer = byName.get(name) as Coalescer<In, Out> | undefined;
  if (!coalescer) {
    coalescer = new DataLoader<In, Out, In>((items) => run(items), {
      cache: false,
      maxBatchSize,
      batchScheduleFn: (callback) => setImmediate(callback),
    });
    byName.set(name, coalescer as Coalescer<unknown, unknown>);
  }
  return coalescer;
}

const registry = new WeakMap<object, Map<string, Coalescer<unknown, unknown>>>();
