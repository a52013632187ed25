/**
 * HTTP caching, decided in one place for every response Remix sends:
 *
 * - Anonymous GETs of the public pages and feeds (PUBLIC_PATHS) that answer 200 without setting a
 *   cookie are `public, max-age=0, s-maxage=60, stale-while-revalidate=300` with a strong ETag and
 *   `Vary: Cookie, Accept-Language` (the language comes from `?lng`, the `cab_lng` cookie or the
 *   header; a session cookie makes the request a different one too): a CDN or reverse proxy in
 *   front of several app instances serves the public side, browsers revalidate (304).
 * - Anything for a signed-in person, anything that sets a cookie, every other page, and every
 *   non-GET is `private, no-store`, whatever the route said.
 *
 * The CSP nonce: a public body is cached together with the header that carries its nonce, so the
 * copy a cache serves is self-consistent (one nonce per cached body, shared by those who get that
 * copy; it protects against markup injected into the page, which a cached public body carries for
 * everyone alike or not at all). The ETag is computed over the body with its nonce taken out, so
 * it is the same for every render of the same content; a 304 carries no CSP header, so a cache
 * keeps the header stored with its body (RFC 9111 §4.3.4 updates only the headers a 304 sends).
 */
import crypto from "node:crypto";
import type { NextFunction, Request, RequestHandler, Response } from "express";

export const PUBLIC_CACHE_CONTROL = "public, max-age=0, s-maxage=60, stale-while-revalidate=300";
export const PRIVATE_CACHE_CONTROL = "private, no-store";

/** Pages and feeds that are the same for every anonymous visitor (per language). */
export const PUBLIC_PATHS: RegExp[] = [
  /^\/$/,
  /^\/bench\/floor$/,
  /^\/dashboard(\/[^/]+)?$/,
  /^\/dashboard\/snapshots\/[^/]+$/,
  /^\/briefs$/,
  /^\/briefs\.atom$/,
  /^\/briefs\/[^/]+$/,
  /^\/meetings$/,
  /^\/meetings\.ics$/,
  /^\/meetings\/[^/]+(\.ics)?$/,
  /^\/responses(\/[^/]+)?$/,
  /^\/analyses$/,
  /^\/analyses\/pipeline$/,
  /^\/analyses\/[^/]+$/,
  /^\/consultations(\/[^/]+)?$/,
  /^\/concerns$/,
  /^\/concerns\/new$/,
  /^\/search$/,
  /^\/data\/(api|notes)$/,
  /^\/api\/v1(\/[a-z0-9_.]+)*$/,
];

const isPublicPath = (path: string) => PUBLIC_PATHS.some((re) => re.test(path));

type Options = {
  /** Whether this request is from a signed-in person (default: res.locals.user). */
  signedIn?: (req: Request, res: Response) => boolean;
};

/** Mount right before the Remix handler (after the session is known, after compression). */
export function httpCaching({ signedIn = (_req, res) => Boolean(res.locals.user) }: Options = {}): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const candidate = req.method === "GET" && !signedIn(req, res) && isPublicPath(req.path);
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    let decided = false;
    let buffering = false;
    const chunks: Buffer[] = [];

    const decide = () => {
      if (decided) return;
      decided = true;
      const setsCookie = res.getHeader("Set-Cookie") !== undefined;
      if (candidate && res.statusCode === 200 && !setsCookie && !/no-store|private/.test(String(res.getHeader("Cache-Control") ?? ""))) {
        res.setHeader("Cache-Control", PUBLIC_CACHE_CONTROL);
        res.vary("Cookie");
        res.vary("Accept-Language");
        buffering = true;
        // The Remix adapter flushes compression after every chunk; a buffered body is written once.
        (res as Response & { flush?: () => void }).flush = () => {};
      } else {
        res.setHeader("Cache-Control", PRIVATE_CACHE_CONTROL);
        res.vary("Cookie");
      }
    };

    const toBuffer = (chunk: unknown, encoding?: unknown) =>
      Buffer.isBuffer(chunk)
        ? chunk
        : typeof chunk === "string"
          ? Buffer.from(chunk, (encoding as BufferEncoding) ?? "utf8")
          : Buffer.from(chunk as Uint8Array);

    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      decide();
      if (!buffering) return write(chunk, ...rest);
      if (chunk != null) chunks.push(toBuffer(chunk, typeof rest[0] === "string" ? rest[0] : undefined));
      const cb = rest.find((r) => typeof r === "function") as (() => void) | undefined;
      if (cb) process.nextTick(cb);
      return true;
    }) as typeof res.write;

    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      decide();
      if (!buffering) return end(chunk, ...rest);
      if (chunk != null && typeof chunk !== "function") chunks.push(toBuffer(chunk, typeof rest[0] === "string" ? rest[0] : undefined));
      const body = Buffer.concat(chunks);
      const nonce = res.locals.cspNonce as string | undefined;
      const hashed = nonce ? Buffer.from(body.toString("latin1").split(nonce).join(""), "latin1") : body;
      const etag = `"${crypto.createHash("sha1").update(hashed).digest("base64url")}"`;
      res.setHeader("ETag", etag);
      if (matches(req.get("If-None-Match"), etag)) {
        res.statusCode = 304;
        for (const h of ["Content-Security-Policy", "Content-Type", "Content-Length", "Content-Encoding", "Transfer-Encoding"]) res.removeHeader(h);
        return end();
      }
      res.setHeader("Content-Length", String(body.length));
      return end(body);
    }) as typeof res.end;

    next();
  };
}

function matches(ifNoneMatch: string | undefined, etag: string) {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === "*") return true;
  return ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag);
}

/** Non-GET requests and everything Remix does not answer through httpCaching: never stored. */
export function noStore(_req: Request, res: Response, next: NextFunction) {
  res.setHeader("Cache-Control", PRIVATE_CACHE_CONTROL);
  next();
}

/**
 * Asset-like paths that no file answered (`/favicon.png`, `/app.js.map`, `/build/old.js`): a
 * two-word 404, not the portal's whole layout (a page of HTML, a session check and the root
 * loader for a request no person sees). Real navigation keeps the full not-found page.
 */
const ASSET_LIKE = /\.(ico|png|jpe?g|gif|svg|webp|avif|js|mjs|cjs|css|map|txt|woff2?|ttf|otf|eot)$/i;

/** Whether a path names a static file (by its extension) rather than a page. */
export const isAssetLike = (path: string) => ASSET_LIKE.test(path);

export function staticNotFound(req: Request, res: Response, next: NextFunction) {
  if ((req.method !== "GET" && req.method !== "HEAD") || !ASSET_LIKE.test(req.path)) return next();
  res.status(404).set("Cache-Control", "public, max-age=300").type("text/plain").send("Not found");
}
