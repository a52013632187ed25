// The few parts of autocannon's API the bench uses (the package ships no types; no @types added).
declare module "autocannon" {
  namespace autocannon {
    type Options = Record<string, unknown>;
    type Histogram = { average: number; p50: number; p99: number; max: number };
    type Result = {
      requests: Histogram;
      latency: Histogram;
      errors: number;
      timeouts: number;
      non2xx: number;
      statusCodeStats?: Record<string, { count: number }>;
    };
  }
  function autocannon(options: autocannon.Options): Promise<autocannon.Result>;
  export default autocannon;
}
