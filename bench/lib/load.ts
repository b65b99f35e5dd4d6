// HTTP load with autocannon: a short warm-up, then a timed measurement; numbers are returned, never judged.
import autocannon from "autocannon";

export interface LoadOptions {
  connections: number;
  /** Seconds of warm-up, discarded. */
  warmupSeconds: number;
  /** Seconds measured. */
  durationSeconds: number;
}

export interface LoadFigures {
  url: string;
  connections: number;
  seconds: number;
  requestsPerSecond: number;
  totalRequests: number;
  latencyMs: { average: number; p50: number; p90: number; p99: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}

export const DEFAULT_LOAD: LoadOptions = { connections: 10, warmupSeconds: 1, durationSeconds: 5 };

/** DEFAULT_LOAD, with BENCH_CONNECTIONS / BENCH_WARMUP / BENCH_DURATION (seconds) for quick or longer runs. */
export function loadOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): LoadOptions {
  const read = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name}="${raw}": expected a whole number from ${min} to ${max}`);
    return n;
  };
  return {
    connections: read("BENCH_CONNECTIONS", DEFAULT_LOAD.connections, 1, 1000),
    warmupSeconds: read("BENCH_WARMUP", DEFAULT_LOAD.warmupSeconds, 0, 60),
    durationSeconds: read("BENCH_DURATION", DEFAULT_LOAD.durationSeconds, 1, 120),
  };
}

/** One autocannon run, bounded by its duration plus a margin after which it is stopped. */
async function cannon(url: string, connections: number, seconds: number): Promise<autocannon.Result> {
  const instance = autocannon({ url, connections, duration: seconds, timeout: 10 });
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      instance.stop();
      reject(new Error(`autocannon on ${url} did not finish within ${seconds + 20} s`));
    }, (seconds + 20) * 1000);
  });
  try {
    return await Promise.race([Promise.resolve(instance), guard]);
  } finally {
    clearTimeout(timer);
  }
}

export async function measureLoad(url: string, options: LoadOptions = DEFAULT_LOAD): Promise<LoadFigures> {
  if (!new URL(url).hostname.match(/^(127\.0\.0\.1|localhost)$/)) throw new Error(`refusing to load a non-local URL: ${url}`);
  if (options.warmupSeconds > 0) await cannon(url, options.connections, options.warmupSeconds);
  const r = await cannon(url, options.connections, options.durationSeconds);
  return {
    url,
    connections: options.connections,
    seconds: r.duration,
    requestsPerSecond: r.requests.average,
    totalRequests: r.requests.total,
    latencyMs: { average: r.latency.average, p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max },
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
  };
}
