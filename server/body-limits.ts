/**
 * Size and field limits on request bodies, before anything parses them.
 *
 * Every non-GET request belongs to one class (by path): ordinary forms, rich-text forms, the
 * Open311 POST, the staff-only case-data import. A declared Content-Length over the class's limit
 * is refused at once (413) without reading a byte; a body without one (chunked) is counted as it
 * streams to the app, and refused the moment it passes the limit in bytes, or in fields (`&`
 * separators of a url-encoded body, parts of a multipart one). A refused connection is closed
 * (`Connection: close`; once the answer is flushed the socket is half-closed and destroyed at most
 * half a second later), so the rest of the body is never parsed and at most what arrives in that
 * half second is read and dropped.
 */
import { Transform, type TransformCallback } from "node:stream";
import type { NextFunction, Request, Response } from "express";

export type BodyLimit = { name: string; maxBytes: number; maxFields: number };

const KB = 1024;
const MB = 1024 * KB;

export const BODY_LIMITS = {
  form: { name: "form", maxBytes: 64 * KB, maxFields: 300 },
  richText: { name: "rich-text form", maxBytes: 2 * MB, maxFields: 300 },
  open311: { name: "Open311 request", maxBytes: 64 * KB, maxFields: 100 },
  import: { name: "case-data import", maxBytes: 200 * MB + 64 * KB, maxFields: 20 },
} satisfies Record<string, BodyLimit>;

const RICH_TEXT = /^\/(staff|briefs|consultations|responses)\//;
const IMPORT = /^\/staff\/metrics\/import\/?$/;
const OPEN311 = /^\/open311\//;
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function bodyLimitFor(path: string): BodyLimit {
  if (IMPORT.test(path)) return BODY_LIMITS.import;
  if (OPEN311.test(path)) return BODY_LIMITS.open311;
  if (RICH_TEXT.test(path)) return BODY_LIMITS.richText;
  return BODY_LIMITS.form;
}

/** The 413 page: in the reader's language first (language cookie, else Accept-Language), then in the other. */
const PAGE = (limit: BodyLimit, lng: "en" | "es") => {
  const max = {
    en: `at most ${formatBytes(limit.maxBytes)} and ${limit.maxFields} fields`,
    es: `como máximo ${formatBytes(limit.maxBytes)} y ${limit.maxFields} campos`,
  };
  const text = {
    en: {
      title: "Too much was sent",
      body: `The form you sent is larger than this page accepts (${max.en}). Nothing was saved. Go back, shorten what you wrote or attach a smaller file, and send it again.`,
      home: "CAB Portal",
    },
    es: {
      title: "Se envió demasiado",
      body: `El formulario que envió es más grande de lo que esta página acepta (${max.es}). No se guardó nada. Vuelva atrás, acorte lo que escribió o adjunte un archivo más pequeño, y envíelo de nuevo.`,
      home: "Portal del CAB",
    },
  };
  const other = lng === "es" ? "en" : "es";
  const [first, second] = [text[lng], text[other]];
  return `<!doctype html><html lang="${lng}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${first.title} · ${first.home}</title></head>
<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5">
<main class="error-page" role="alert"><h1>${first.title}</h1><p>${first.body}</p>
<h2 lang="${other}">${second.title}</h2><p lang="${other}">${second.body}</p>
<p><a href="/">${first.home}</a></p></main></body></html>`;
};

/** The reader's language for a page the app does not render: the language cookie (cab_lng), else Accept-Language. */
function readerLanguage(req: Request): "en" | "es" {
  const cookie = /(?:^|;\s*)cab_lng=([^;]*)/.exec(req.headers.cookie ?? "")?.[1];
  if (cookie) {
    // Remix's unsigned cookie value: base64 of the JSON string ("es" → ImVzIg==).
    try {
      const value: unknown = JSON.parse(Buffer.from(decodeURIComponent(cookie), "base64").toString("utf8"));
      if (value === "es" || value === "en") return value;
    } catch {
      // not ours: fall through to the header
    }
  }
  return req.acceptsLanguages("en", "es") === "es" ? "es" : "en";
}

function formatBytes(bytes: number) {
  return bytes >= MB ? `${Math.floor(bytes / MB)} MB` : `${Math.floor(bytes / KB)} KB`;
}

function wantsJson(req: Request) {
  return "_data" in req.query || /^\/(open311|api)\//.test(req.path) || req.accepts(["html", "json"]) === "json";
}

/** Answers 413 and closes the connection without reading the rest of the body. */
export function refuseBody(req: Request, res: Response, limit: BodyLimit, reason: "bytes" | "fields") {
  if (res.headersSent) {
    req.socket.destroy();
    return;
  }
  res.status(413);
  res.setHeader("Connection", "close");
  res.setHeader("Cache-Control", "no-store");
  res.on("finish", () => closeAfterLinger(req));
  if (OPEN311.test(req.path)) {
    // GeoReport v2 errors are a list of {code, description}.
    res.json([{ code: 413, description: `The request body is too large (at most ${formatBytes(limit.maxBytes)} and ${limit.maxFields} fields).` }]);
  } else if (wantsJson(req)) {
    res.json({
      error: "The request body is too large.",
      reason: "payload_too_large",
      limit: { bytes: limit.maxBytes, fields: limit.maxFields },
      exceeded: reason,
    });
  } else {
    res.type("html").send(PAGE(limit, readerLanguage(req)));
  }
}

/** How long a refused connection may keep sending before it is cut (nginx's lingering close). */
const LINGER_MS = 500;

/**
 * After the 413 is flushed: half-close (FIN), discard whatever is already in flight for at most
 * LINGER_MS, then destroy the socket. Closing at once with unread bytes in the kernel makes it send
 * a RST, and a client still writing its body then loses the 413 it was sent. Nothing read in the
 * linger is parsed or kept; a client that goes on sending is cut off when it ends.
 */
function closeAfterLinger(req: Request) {
  const socket = req.socket;
  if (socket.destroyed) return;
  const timer = setTimeout(() => socket.destroy(), LINGER_MS);
  timer.unref();
  socket.once("close", () => clearTimeout(timer));
  socket.on("error", () => socket.destroy());
  req.unpipe();
  req.removeAllListeners("data");
  req.on("data", () => {});
  req.on("error", () => {});
  req.resume();
  socket.end();
}

type Counter = { bytes: number; fields: number; limit: BodyLimit; refused: boolean };

/**
 * Counts bytes and fields of a body as it streams. Multipart parts are counted by their boundary
 * line, url-encoded fields by `&`; other bodies (JSON, CSV) by bytes only.
 */
class LimitedBody extends Transform {
  private boundary: Buffer | null;
  private tail = Buffer.alloc(0);
  private urlencoded: boolean;

  constructor(
    private counter: Counter,
    contentType: string,
    private onExceeded: (reason: "bytes" | "fields") => void,
  ) {
    super();
    const match = /^multipart\/[^;]+;.*?boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
    const boundary = match?.[1] ?? match?.[2];
    this.boundary = boundary ? Buffer.from(`--${boundary}`) : null;
    this.urlencoded = /^application\/x-www-form-urlencoded/i.test(contentType);
    if (this.urlencoded) counter.fields = 1;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
    const c = this.counter;
    c.bytes += chunk.length;
    if (this.urlencoded) {
      for (let i = chunk.indexOf(0x26); i !== -1; i = chunk.indexOf(0x26, i + 1)) c.fields++;
    } else if (this.boundary) {
      const haystack = this.tail.length ? Buffer.concat([this.tail, chunk]) : chunk;
      // Each part starts with a boundary line; the closing one is not a part.
      for (let i = haystack.indexOf(this.boundary); i !== -1; i = haystack.indexOf(this.boundary, i + this.boundary.length)) c.fields++;
      this.tail = Buffer.from(haystack.subarray(Math.max(0, haystack.length - this.boundary.length + 1)));
    }
    const over = c.bytes > c.limit.maxBytes ? "bytes" : c.fields - (this.boundary ? 1 : 0) > c.limit.maxFields ? "fields" : null;
    if (over) {
      c.refused = true;
      this.onExceeded(over);
      done(new PayloadTooLargeError(over));
      return;
    }
    done(null, chunk);
  }
}

export class PayloadTooLargeError extends Error {
  status = 413;
  constructor(public reason: "bytes" | "fields") {
    super(`request body over its limit (${reason})`);
  }
}

declare module "express-serve-static-core" {
  interface Request {
    /** The body as the app may read it: counted against its limit (set by bodyLimits). */
    limitedBody?: NodeJS.ReadableStream;
    bodyCounter?: Counter;
  }
}

/**
 * The first middleware for every request with a body. A declared size over the limit is refused
 * before any other work (no session lookup, no rate-limit query, no parsing).
 */
export function bodyLimits(limitFor: (path: string) => BodyLimit = bodyLimitFor) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const limit = limitFor(req.path);
    const declared = Number(req.headers["content-length"] ?? NaN);
    if (Number.isFinite(declared) && declared > limit.maxBytes) return refuseBody(req, res, limit, "bytes");
    const counter: Counter = { bytes: 0, fields: 0, limit, refused: false };
    const limited = new LimitedBody(counter, String(req.headers["content-type"] ?? ""), (reason) => {
      req.unpipe(limited);
      refuseBody(req, res, counter.limit, reason);
    });
    req.pipe(limited);
    req.bodyCounter = counter;
    req.limitedBody = limited;
    next();
  };
}

/**
 * After the session is known: the large import limit is for csu_staff and admin only; anyone
 * else gets the ordinary form limit (and a declared size over it is refused now).
 */
export function tightenForRole(isStaff: (res: Response) => boolean) {
  return (req: Request, res: Response, next: NextFunction) => {
    const counter = req.bodyCounter;
    if (!counter || counter.limit !== BODY_LIMITS.import || isStaff(res)) return next();
    counter.limit = BODY_LIMITS.form;
    const declared = Number(req.headers["content-length"] ?? NaN);
    if ((Number.isFinite(declared) && declared > counter.limit.maxBytes) || counter.bytes > counter.limit.maxBytes) {
      req.unpipe(req.limitedBody as never);
      return refuseBody(req, res, counter.limit, "bytes");
    }
    next();
  };
}
