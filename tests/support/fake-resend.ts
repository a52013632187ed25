import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A fake Resend API on a loopback port, for the real resend SDK (RESEND_BASE_URL points here).
 * POST /emails and POST /emails/batch (≤100), with Resend's Idempotency-Key rules: a key seen
 * before with the same body answers the first response again without sending; with another
 * body, 409 invalid_idempotent_request; while the first is still being processed, 409
 * concurrent_idempotent_requests. A share of calls fail with 429 (Retry-After) or 500; some
 * of the 500s come AFTER the emails were accepted, as when a response is lost on the way back.
 */

export type DeliveredEmail = {
  id: string;
  from: string;
  to: string[];
  subject: string;
  html?: string;
  text?: string;
  headers: Record<string, string>;
  attachments: { filename: string; content?: string }[];
  idempotencyKey: string | null;
};

export type ScriptedFailure = { status: 429 | 500 | 422 | 503; afterDelivery?: boolean };

export type FakeResendOptions = {
  /** Share of calls that fail (half 429, half 500); 0.3 = 30%. */
  failureRate?: number;
  /** Of the 500s, the share that happen after the emails were accepted (lost response). */
  lostResponseShare?: number;
  retryAfterSeconds?: number;
  latencyMs?: number;
  /** Seed for the failure decisions, so a run is reproducible. */
  seed?: number;
};

type StoredResponse = { bodyHash: string; status: number; body: unknown } | { bodyHash: string; inProgress: true };

export type FakeResend = {
  url: string;
  delivered: DeliveredEmail[];
  stats: {
    calls: number;
    batchCalls: number;
    singleCalls: number;
    failed: number;
    lostResponses: number;
    replayed: number;
    conflicts: number;
    /** Calls cut off by dropInFlight(), and how many of those had delivered their emails. */
    dropped: number;
    droppedAfterDelivery: number;
    /** Calls answered during an outage (goDown … comeBack), all failed. */
    outageCalls: number;
  };
  /** Calls being processed right now. */
  inFlight(): number;
  /**
   * The calls in progress finish their work but their connections are cut instead of
   * answered, as when the sending process dies mid-call. Returns how many.
   */
  dropInFlight(): number;
  /** The next calls fail like this, in order, before the random failures apply again. */
  failNext(failures: ScriptedFailure[]): void;
  setFailureRate(rate: number): void;
  /**
   * A long outage: from now until comeBack(), EVERY call fails — 500, 503, 429 with Retry-After,
   * or the connection cut without an answer, in turn. The first `lostResponses` calls of the
   * outage deliver their emails before failing (the provider went down while answering), so a
   * sender that does not keep its idempotency keys would send those twice.
   */
  goDown(options?: { lostResponses?: number }): void;
  comeBack(): void;
  isDown(): boolean;
  /** How long the provider takes before answering (the key is "in progress" meanwhile). */
  setLatency(ms: number): void;
  deliveredTo(predicate: (address: string) => boolean): DeliveredEmail[];
  close(): Promise<void>;
};

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function startFakeResend(options: FakeResendOptions = {}): Promise<FakeResend> {
  let failureRate = options.failureRate ?? 0;
  const lostResponseShare = options.lostResponseShare ?? 0.5;
  const retryAfter = options.retryAfterSeconds ?? 1;
  let latency = options.latencyMs ?? 0;
  const random = mulberry32(options.seed ?? 20260101);
  const idempotency = new Map<string, StoredResponse>();
  const scripted: ScriptedFailure[] = [];
  const delivered: DeliveredEmail[] = [];
  const stats = {
    calls: 0,
    batchCalls: 0,
    singleCalls: 0,
    failed: 0,
    lostResponses: 0,
    replayed: 0,
    conflicts: 0,
    dropped: 0,
    droppedAfterDelivery: 0,
    outageCalls: 0,
  };
  let down = false;
  let outageLost = 0;
  const OUTAGE_FAILURES: ("500" | "503" | "429" | "cut")[] = ["503", "500", "429", "cut"];
  const inFlight = new Set<{ dropped: boolean }>();

  const cut = new WeakSet<http.ServerResponse>();
  const send = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    if (cut.has(res)) {
      res.socket?.destroy();
      return;
    }
    res.writeHead(status, { "Content-Type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  };
  const error = (res: http.ServerResponse, status: number, name: string, message: string, headers: Record<string, string> = {}) =>
    send(res, status, { statusCode: status, name, message }, headers);

  const server = http.createServer(async (req, res) => {
    const call = { dropped: false };
    inFlight.add(call);
    const before = delivered.length;
    try {
      await handle(req, res, call);
    } finally {
      inFlight.delete(call);
      if (call.dropped) {
        stats.dropped++;
        if (delivered.length > before) stats.droppedAfterDelivery++;
      }
    }
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, call: { dropped: boolean }) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");

    const path = (req.url ?? "").split("?")[0];
    if (req.method !== "POST" || (path !== "/emails" && path !== "/emails/batch")) return error(res, 404, "not_found", "Not found");
    if (!/^Bearer \S+/.test(req.headers.authorization ?? "")) return error(res, 401, "missing_api_key", "Missing API key in the authorization header.");
    stats.calls++;
    const isBatch = path === "/emails/batch";
    if (isBatch) stats.batchCalls++;
    else stats.singleCalls++;

    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return error(res, 422, "validation_error", "Invalid JSON");
    }
    const emails = (isBatch ? body : [body]) as Record<string, unknown>[];
    if (!Array.isArray(emails) || emails.length === 0) return error(res, 422, "validation_error", "Expected emails");
    if (emails.length > 100) return error(res, 422, "validation_error", "A batch holds at most 100 emails.");
    for (const e of emails) {
      if (typeof e.from !== "string" || !e.to || typeof e.subject !== "string") return error(res, 422, "validation_error", "from, to and subject are required");
      if (isBatch && e.attachments) return error(res, 422, "validation_error", "Attachments are not supported in batch sends.");
    }

    const key = typeof req.headers["idempotency-key"] === "string" ? req.headers["idempotency-key"] : null;
    const bodyHash = crypto.createHash("sha256").update(`${path}\n${raw}`).digest("hex");
    if (down) {
      // The outage: every call fails, replays included (nothing answers); only the first few
      // calls are caught mid-answer: accepted and recorded, but the answer is lost.
      const n = stats.outageCalls++;
      stats.failed++;
      if (outageLost > 0 && !(key && idempotency.has(key))) {
        outageLost--;
        stats.lostResponses++;
        deliver(emails, key, bodyHash, isBatch);
        return error(res, 503, "internal_server_error", "Service unavailable.");
      }
      const kind = OUTAGE_FAILURES[n % OUTAGE_FAILURES.length]!;
      if (kind === "cut") {
        res.socket?.destroy();
        return;
      }
      if (kind === "429") return error(res, 429, "rate_limit_exceeded", "Too many requests.", { "retry-after": String(retryAfter) });
      return error(res, Number(kind), "internal_server_error", kind === "503" ? "Service unavailable." : "Internal server error.");
    }

    if (key) {
      const seen = idempotency.get(key);
      if (seen) {
        if (seen.bodyHash !== bodyHash) {
          stats.conflicts++;
          return error(res, 409, "invalid_idempotent_request", "Same idempotency key used with a different request body.");
        }
        if ("inProgress" in seen) {
          stats.conflicts++;
          return error(res, 409, "concurrent_idempotent_requests", "Same idempotency key used while original request is still in progress.");
        }
        stats.replayed++;
        return send(res, seen.status, seen.body);
      }
    }

    // From here until it answers, the key is "in progress" (a concurrent retry gets a 409).
    if (key) idempotency.set(key, { bodyHash, inProgress: true });
    if (latency) await new Promise((r) => setTimeout(r, latency));
    const dropIfCut = () => {
      if (call.dropped) cut.add(res);
    };

    // Failures: scripted ones first, then random ones at the configured rate.
    let failure: ScriptedFailure | null = scripted.shift() ?? null;
    if (!failure && random() < failureRate) {
      failure = random() < 0.5 ? { status: 429 } : { status: 500, afterDelivery: random() < lostResponseShare };
    }
    if (failure && !failure.afterDelivery) {
      dropIfCut();
      if (key) idempotency.delete(key);
      stats.failed++;
      if (failure.status === 429) return error(res, 429, "rate_limit_exceeded", "Too many requests.", { "retry-after": String(retryAfter) });
      if (failure.status === 422) return error(res, 422, "validation_error", "The recipient address is not valid.");
      return error(res, failure.status, "internal_server_error", "Internal server error.");
    }

    const response = deliver(emails, key, bodyHash, isBatch);
    dropIfCut();
    if (failure?.afterDelivery) {
      // Accepted and recorded, but the caller never learns it: only the key prevents a resend.
      stats.failed++;
      stats.lostResponses++;
      return error(res, failure.status, "internal_server_error", "Internal server error.");
    }
    return send(res, 200, response);
  }

  /** Accepts the emails (the provider's record, replayed for the same idempotency key). */
  function deliver(emails: Record<string, unknown>[], key: string | null, bodyHash: string, isBatch: boolean) {
    const ids = emails.map((e) => {
      const id = crypto.randomUUID();
      delivered.push({
        id,
        from: e.from as string,
        to: Array.isArray(e.to) ? (e.to as string[]) : [e.to as string],
        subject: e.subject as string,
        html: e.html as string | undefined,
        text: e.text as string | undefined,
        headers: (e.headers as Record<string, string>) ?? {},
        attachments: (e.attachments as { filename: string; content?: string }[]) ?? [],
        idempotencyKey: key,
      });
      return id;
    });
    const response = isBatch ? { data: ids.map((id) => ({ id })) } : { id: ids[0] };
    if (key) idempotency.set(key, { bodyHash, status: 200, body: response });
    return response;
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    delivered,
    stats,
    inFlight: () => inFlight.size,
    dropInFlight: () => {
      for (const call of inFlight) call.dropped = true;
      return inFlight.size;
    },
    failNext: (failures) => scripted.push(...failures),
    setFailureRate: (rate) => {
      failureRate = rate;
    },
    setLatency: (ms) => {
      latency = ms;
    },
    goDown: (options = {}) => {
      down = true;
      outageLost = options.lostResponses ?? 0;
    },
    comeBack: () => {
      down = false;
    },
    isDown: () => down,
    deliveredTo: (predicate) => delivered.filter((d) => d.to.some(predicate)),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
