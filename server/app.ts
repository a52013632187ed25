import { openDataCors } from "./cors";
import { AsyncLocalStorage } from "node:async_hooks";
import crypto from "node:crypto";
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";
import helmet from "helmet";
import type { Logger } from "pino";
import type { ServerHooks } from "../app/server-hooks.server";
import { httpCaching, isAssetLike, staticNotFound } from "./cache";
import { requestLogger } from "./logging";
import { installRouteMatchMemo } from "./route-matching";
import { bodyLimits, tightenForRole } from "./body-limits";
import { parseTrustProxy, resolveAppUrl } from "./config";
import { createRequestHandler } from "./remix-handler";

export type AppOptions = {
  build: ServerBuild;
  logger: Logger;
  /** The public origin: links are built on it and a non-GET request's Origin must be it. Defaults to APP_URL (server/config.ts). */
  appUrl?: string;
  /** Express "trust proxy": which X-Forwarded-For hops to believe for the client address (TRUST_PROXY: `1`, `loopback`, CIDRs). */
  trustProxy?: string | boolean | number;
};

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
// Open311 clients are servers with an api_key, not browsers carrying our cookies.
// /unsubscribe is authorized by its signed token alone and mail clients POST there (RFC 8058).
const ORIGIN_EXEMPT = [/^\/open311\//, /^\/unsubscribe$/];

export function hooksOf(build: ServerBuild): ServerHooks {
  return (build.entry.module as unknown as { serverHooks: ServerHooks }).serverHooks;
}

// postgres.js and Node codes for "the database is not there", and PostgreSQL's own for a server
// shutting down, starting up, or refusing connections (class 08, 57P01-57P03).
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "57P01",
  "57P02",
  "57P03",
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
  "53300",
]);

/** Whether an error (or what caused it: drizzle wraps driver errors) means the database is unreachable. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error as { code?: unknown; cause?: unknown; errors?: unknown[] } | null, depth = 0; e && depth < 6; e = e.cause as typeof e, depth++) {
    if (typeof e.code === "string" && UNAVAILABLE_CODES.has(e.code)) return true;
    // Node's AggregateError (one ECONNREFUSED per address tried).
    if (Array.isArray(e.errors) && e.errors.some((inner) => isDatabaseUnavailable(inner))) return true;
  }
  return false;
}

const UNAVAILABLE_MESSAGE = "The service is briefly unavailable. Try again shortly.";

/**
 * Loaders and actions that fail because the database is away throw a 503 instead of a 500:
 * a page renders the "try again shortly" error page, a resource route (API) answers JSON 503.
 */
export function withOutageHandling(build: ServerBuild): ServerBuild {
  const unavailable = () =>
    new Response(JSON.stringify({ error: UNAVAILABLE_MESSAGE, reason: "unavailable" }), {
      status: 503,
      headers: { "Content-Type": "application/json; charset=utf-8", "Retry-After": "5", "Cache-Control": "no-store" },
    });
  const guard = <F extends ((...args: never[]) => unknown) | undefined>(fn: F): F => {
    if (!fn) return fn;
    return (async (...args: never[]) => {
      try {
        return await fn(...args);
      } catch (error) {
        if (isDatabaseUnavailable(error)) throw unavailable();
        throw error;
      }
    }) as unknown as F;
  };
  const routes = Object.fromEntries(
    Object.entries(build.routes).map(([id, route]) => [
      id,
      route && { ...route, module: { ...route.module, loader: guard(route.module.loader), action: guard(route.module.action) } },
    ]),
  );
  return { ...build, routes } as ServerBuild;
}

const UNAVAILABLE_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Try again shortly</title></head>
<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5">
<main><h1>Please try again shortly</h1><p>The portal cannot reach its database right now. Nothing you sent before this page was lost. Please try again in a minute.</p>
<h2 lang="es">Inténtelo de nuevo en un momento</h2><p lang="es">El portal no puede conectarse con su base de datos en este momento. No se perdió nada de lo que envió antes de esta página. Inténtelo de nuevo en un minuto.</p></main></body></html>`;

export function createApp({ build: rawBuild, logger, appUrl: configuredAppUrl, trustProxy = process.env.TRUST_PROXY }: AppOptions) {
  installRouteMatchMemo();
  const hooks = hooksOf(rawBuild);
  const build = withOutageHandling(rawBuild);
  const appUrl = resolveAppUrl(configuredAppUrl ? { ...process.env, APP_URL: configuredAppUrl } : process.env);
  const app = express();
  app.disable("x-powered-by");
  const trust = parseTrustProxy(trustProxy);
  if (trust !== undefined) app.set("trust proxy", trust);

  app.get("/healthz", async (_req, res) => {
    const ok = await hooks.checkDatabase();
    res.status(ok ? 200 : 503).json({ db: ok ? "ok" : "unreachable" });
  });

  // Benchmarks: SQL statements per request, counted by app/db/client.server.ts (BENCH_COUNT_SQL=1).
  if (process.env.BENCH_COUNT_SQL === "1") {
    const key = Symbol.for("cab.sqlCounter");
    const globals = globalThis as Record<symbol, AsyncLocalStorage<{ count: number }> | undefined>;
    const storage = (globals[key] ??= new AsyncLocalStorage<{ count: number }>());
    app.use((_req, res, next) => {
      const store = { count: 0 };
      const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => Response;
      res.writeHead = ((...args: unknown[]) => {
        if (!res.headersSent) res.setHeader("X-SQL-Count", String(store.count));
        return writeHead(...args);
      }) as typeof res.writeHead;
      storage.run(store, next);
    });
  }

  // Bodies are limited before any other work (no session lookup, rate limit or parsing).
  app.use(bodyLimits());

  // An action that answers without reading the body (logout) must not leave it unread on a
  // keep-alive connection: Node then resets the socket and the client's next request fails.
  app.use((req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    res.on("finish", () => {
      if (req.complete || req.destroyed) return;
      // Remix's body stream pauses the request when nobody reads it; drain it instead (through
      // its limit: more than the limit closes the connection).
      const body = req.limitedBody ?? req;
      body.removeAllListeners("data");
      body.on("data", () => {});
      body.on("error", () => {});
      body.resume();
    });
    next();
  });

  app.use(requestLogger(logger));
  app.use(compression());

  app.use((_req, res, next) => {
    res.locals.cspNonce = crypto.randomBytes(16).toString("base64");
    next();
  });
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          "default-src": ["'self'"],
          "script-src": ["'self'", (_req, res) => `'nonce-${(res as Response).locals.cspNonce}'`],
          "style-src": ["'self'", "'unsafe-inline'"],
          "img-src": ["'self'", "data:"],
          "connect-src": ["'self'"],
          "form-action": ["'self'"],
          "frame-ancestors": ["'none'"],
          "upgrade-insecure-requests": process.env.NODE_ENV === "production" ? [] : null,
        },
      },
      crossOriginEmbedderPolicy: false,
      strictTransportSecurity: process.env.NODE_ENV === "production",
      referrerPolicy: { policy: "same-origin" },
    }),
  );

  // The open-data API: CORS for reads, its preflight, and no writes (before the Origin check).
  app.use(openDataCors);

  // Remix's CSRF protection does not cover ?_data requests or resource routes: check Origin here.
  app.use((req, res, next) => {
    if (SAFE_METHODS.has(req.method) || ORIGIN_EXEMPT.some((re) => re.test(req.path))) return next();
    // Compared with APP_URL, never with Host: a forged Host cannot make a forged Origin "same-site".
    const expected = appUrl;
    const origin = req.get("origin") ?? (req.get("referer") ? safeOrigin(req.get("referer")!) : null);
    if (origin !== expected) {
      res.status(403).type("text/plain").send("Cross-origin request refused.");
      return;
    }
    next();
  });

  // No address legitimately holds U+0000, and PostgreSQL text refuses it: a NUL in a path segment or
  // search parameter (read by any loader) would be a 500 deep in a query. One wall for every route,
  // as readFormData is for bodies.
  app.use((req, res, next) => {
    if (!/%00|\u0000/i.test(req.originalUrl)) return next();
    res.status(400).type("text/plain").send(BAD_ADDRESS_MESSAGE);
  });

  app.use("/build", express.static(path.resolve("public/build"), { immutable: true, maxAge: "1y" }));
  // Only paths that look like files reach the disk: express.static stats every path it is given
  // (a file-system call per page view, 4% of a trivial page's CPU).
  const publicFiles = express.static(path.resolve("public"), { maxAge: "1h" });
  app.use((req, res, next) => (isAssetLike(req.path) ? publicFiles(req, res, next) : next()));
  // A language's page strings, named by their hash (the root loader names the file): cached for good.
  app.get("/locales/:file", (req, res) => {
    const body = hooks.stringsFile(req.params.file);
    if (body === null) return void res.status(404).type("text/plain").send("Not found");
    res.set("Cache-Control", "public, max-age=31536000, immutable").type("application/json").send(body);
  });
  app.use(staticNotFound);

  // Every request learns who is signed in once, here; loaders read it from the context.
  app.use(async (req, res, next) => {
    try {
      const auth = await hooks.authenticate(req.headers.cookie);
      res.locals.user = auth.user;
      res.locals.session = auth.session;
      if (auth.setCookie) res.append("Set-Cookie", auth.setCookie);
      next();
    } catch (error) {
      next(error);
    }
  });
  app.use(tightenForRole((res) => ["csu_staff", "admin"].includes((res.locals.user as { role?: string } | null)?.role ?? "")));

  app.use(httpCaching());

  app.all(
    "*",
    createRequestHandler({
      build,
      appUrl,
      mode: process.env.NODE_ENV === "development" ? "development" : "production",
      getLoadContext: (req, res) => ({
        cspNonce: res.locals.cspNonce,
        clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown",
        user: res.locals.user ?? null,
        session: res.locals.session ?? null,
      }),
    }),
  );

  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (res.headersSent) {
      req.socket.destroy();
      return;
    }
    if (isDatabaseUnavailable(error)) {
      req.log?.warn({ err: error }, "database unavailable");
      res.status(503).set("Retry-After", "5");
      if (/^\/(open311|api)\//.test(req.path) || req.accepts(["html", "json"]) === "json") res.json({ error: UNAVAILABLE_MESSAGE, reason: "unavailable" });
      else res.type("html").send(UNAVAILABLE_PAGE);
      return;
    }
    req.log?.error({ err: error }, "unhandled error");
    res.status(500).type("text/plain").send("Something went wrong.");
  });

  return app;
}

const BAD_ADDRESS_MESSAGE =
  "Bad request: the address contains a character that is not allowed (U+0000).\nSolicitud no válida: la dirección contiene un carácter que no está permitido (U+0000).";

function safeOrigin(url: string) {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
