/**
 * One server-sent event stream per tab (GET /api/v1/events), shared by every screen that
 * listens: browsers allow six connections per server over HTTP/1.1, and a stream per
 * screen would use them up after a few tabs. The stream opens with the first listener and
 * closes with the last.
 */
type Listener = (data: Record<string, unknown>) => void;

const listeners = new Map<string, Set<Listener>>();
const attached = new Map<string, (event: MessageEvent) => void>();
let source: EventSource | null = null;

function attach(type: string): void {
  if (!source || attached.has(type)) return;
  const handler = (event: MessageEvent) => {
    let data: Record<string, unknown> = {};
    try {
      data = JSON.parse(String(event.data)) as Record<string, unknown>;
    } catch {
      // not JSON: listeners get an empty object
    }
    for (const listener of listeners.get(type) ?? []) listener(data);
  };
  source.addEventListener(type, handler);
  attached.set(type, handler);
}

/** Calls `listener` for each event of `type`; returns the function that stops it. */
export function onServerEvent(type: string, listener: Listener): () => void {
  if (typeof EventSource === 'undefined') return () => {};
  if (!source) {
    source = new EventSource('/api/v1/events');
    for (const known of listeners.keys()) attach(known);
  }
  let set = listeners.get(type);
  if (!set) {
    set = new Set();
    listeners.set(type, set);
  }
  set.add(listener);
  attach(type);
  return () => {
    set.delete(listener);
    if ([...listeners.values()].every((s) => s.size === 0) && source) {
      source.close();
      source = null;
      attached.clear();
    }
  };
}
