/**
 * Request logs: one short line per request at info (method, scrubbed path, status, time); the
 * headers at debug, redacted. Logs never hold cookies, Set-Cookie, session ids, tokens (reset,
 * verification, invitation, unsubscribe), API keys or tracking codes: every URL goes through
 * scrubUrl before it is logged, and pino's redaction removes the headers and fields that carry
 * secrets. Client addresses are not logged with requests at all (so a URL, even one a future
 * route forgets to scrub, is never next to an IP address).
 */
import type { NextFunction, Request, RequestHandler, Response } from "express";
import { pino, type DestinationStream, type Logger, type LoggerOptions } from "pino";

declare module "http" {
  interface IncomingMessage {
    /** The request logger (requestLogger), for error handlers. */
    log?: Logger;
  }
}

const REDACTED = "[redacted]";

/** Paths (pino redact syntax) that never reach a log line, whatever logs them. */
export const REDACT_PATHS = [
  "req.headers.cookie",
  "req.headers.authorization",
  "req.headers['proxy-authorization']",
  "req.headers['x-api-key']",
  "req.headers['x-forwarded-for']",
  "req.headers['x-real-ip']",
  "req.headers.forwarded",
  "res.headers['set-cookie']",
  "headers.cookie",
  "headers.authorization",
  "headers['set-cookie']",
  "cookie",
  "setCookie",
  "password",
  "token",
  "apiKey",
  "api_key",
  "sessionId",
  "trackingCode",
  "*.password",
  "*.token",
  "*.apiKey",
  "*.api_key",
  "*.sessionId",
  "*.trackingCode",
  "*.cookie",
  "*.setCookie",
];

export function createLogger(options: LoggerOptions = {}, destination?: DestinationStream): Logger {
  const settings = { level: process.env.LOG_LEVEL ?? "info", redact: { paths: REDACT_PATHS, censor: REDACTED }, ...options };
  return destination ? pino(settings, destination) : pino(settings);
}

/** Query parameters whose values are secrets or personal (the value is replaced, the name kept). */
const SECRET_PARAMS = new Set([
  "token",
  "api_key",
  "apikey",
  "key",
  "code",
  "service_request_id",
  "email",
  "password",
  "session",
  "secret",
  "signature",
  "sig",
]);

/** Path segments that are secrets by their route (the segment after the prefix). */
const SECRET_PATHS: [RegExp, string][] = [
  [/^\/concerns\/(track|received)\/[^/]+/i, "/concerns/$1/:code"],
  [/^\/invitations\/[^/]+/i, "/invitations/:token"],
  [/^\/open311\/v2\/requests\/[^/]+?(\.json|\.xml)?$/i, "/open311/v2/requests/:id$1"],
  [/^\/(reset-password|verify-email|unsubscribe)\/[^/]+/i, "/$1/:token"],
];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)+$/;
/** A segment or value that looks like a random token: long, without the shape of a slug or an id. */
function looksSecret(value: string) {
  return value.length >= 20 && /^[A-Za-z0-9_~.+/=-]+$/.test(value) && !UUID.test(value) && !SLUG.test(value) && !/^\d+$/.test(value);
}

function scrubPath(pathname: string) {
  let path = pathname;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    /* keep it encoded */
  }
  for (const [re, replacement] of SECRET_PATHS) if (re.test(path)) return path.replace(re, replacement);
  return path
    .split("/")
    .map((segment) => (looksSecret(segment) ? ":secret" : segment))
    .join("/");
}

/** A URL (path and query) fit for a log line: secrets in the path and in the query replaced. */
export function scrubUrl(url: string): string {
  const q = url.indexOf("?");
  const path = scrubPath(q === -1 ? url : url.slice(0, q));
  if (q === -1) return path;
  const params = new URLSearchParams(url.slice(q + 1));
  const out: string[] = [];
  for (const [name, value] of params) {
    const lower = name.toLowerCase();
    const clean = SECRET_PARAMS.has(lower) ? REDACTED : value.startsWith("/") ? scrubUrl(value) : looksSecret(value) ? REDACTED : value;
    out.push(`${encodeURIComponent(name)}=${clean === REDACTED ? clean : encodeURIComponent(clean)}`);
  }
  return out.length ? `${path}?${out.join("&")}` : path;
}

function scrubHeaders(headers: Record<string, unknown>) {
  const out: Record<string, unknown> = { ...headers };
  for (const name of ["referer", "location", "content-location"]) {
    if (typeof out[name] === "string") out[name] = scrubHeaderUrl(out[name] as string);
  }
  return out;
}

function scrubHeaderUrl(value: string) {
  try {
    const url = new URL(value, "http://x");
    const scrubbed = scrubUrl(url.pathname + url.search);
    return value.startsWith("/") ? scrubbed : `${url.origin}${scrubbed}`;
  } catch {
    return REDACTED;
  }
}

/**
 * One line per request when its response is finished: `{ method, url, status, ms }` at info (warn
 * for 4xx is not worth it: a 404 is routine; 5xx at error). At debug, the request's and
 * response's headers too, scrubbed and redacted. `req.log` is the logger, for error handlers.
 */
export function requestLogger(logger: Logger, { ignore = (url: string) => url.startsWith("/build/") } = {}): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    req.log = logger;
    const started = process.hrtime.bigint();
    res.once("finish", () => {
      const url = req.originalUrl;
      if (ignore(url)) return;
      const line = {
        method: req.method,
        url: scrubUrl(url),
        status: res.statusCode,
        ms: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10,
      };
      if (res.statusCode >= 500) logger.error(line, "request");
      else logger.info(line, "request");
      if (logger.isLevelEnabled("debug")) {
        logger.debug(
          { ...line, req: { headers: scrubHeaders(req.headers) }, res: { headers: scrubHeaders(res.getHeaders() as Record<string, unknown>) } },
          "request details",
        );
      }
    });
    next();
  };
}
