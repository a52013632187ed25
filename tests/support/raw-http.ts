import http from "node:http";

export type RawAnswer = {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** Milliseconds from the first byte sent to the whole answer received. */
  ms: number;
  /** Body bytes the client had written when the answer came. */
  sentBytes: number;
  /** Whether the server closed the connection (it stopped reading). */
  closed: boolean;
};

/**
 * One request over a raw socket (Node's fetch drops Host): any Host, any headers, and a body that
 * is written in chunks for as long as the server keeps reading (`chunks` yields them lazily, so a
 * 100 MB body is never held in memory).
 */
export function rawRequest(
  baseUrl: string,
  opts: { method?: string; path: string; headers?: Record<string, string>; chunks?: Iterable<Buffer | string> },
): Promise<RawAnswer> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let sentBytes = 0;
    let done = false;
    const req = http.request({ host: url.hostname, port: url.port, method: opts.method ?? "GET", path: opts.path, headers: opts.headers, agent: false });
    req.on("response", (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      const finish = () => {
        if (done) return;
        done = true;
        resolve({ status: res.statusCode!, headers: res.headers, body, ms: performance.now() - started, sentBytes, closed: true });
      };
      res.on("end", finish);
      res.on("error", finish);
      res.on("close", finish);
    });
    req.on("error", (error) => {
      if (!done) reject(error);
    });
    const iterator = opts.chunks?.[Symbol.iterator]();
    const pump = () => {
      if (!iterator) return req.end();
      for (;;) {
        if (done || req.destroyed) return;
        const next = iterator.next();
        if (next.done) return req.end();
        const chunk = typeof next.value === "string" ? Buffer.from(next.value) : next.value;
        sentBytes += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
    };
    pump();
  });
}

/** `count` url-encoded fields, in chunks of about 64 KB. */
export function* manyFields(count: number, prefix = "email=a%40b.c&password=x") {
  yield prefix;
  const piece = "&f=1";
  const perChunk = 16_000;
  for (let sent = 0; sent < count; sent += perChunk) yield piece.repeat(Math.min(perChunk, count - sent));
}

/** `bytes` of one url-encoded field, in 64 KB chunks. */
export function* bigField(bytes: number) {
  yield "email=a%40b.c&password=";
  const chunk = Buffer.alloc(64 * 1024, "a");
  for (let sent = 0; sent < bytes; sent += chunk.length) yield chunk;
}
