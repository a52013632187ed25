/**
 * Remix's Express adapter, with two differences: the request's URL is built on APP_URL (never on
 * Host or X-Forwarded-Host, so no loader can take a link from them and a malformed header is not a
 * 500), and the body Remix reads is the one counted against its limit (server/body-limits.ts).
 */
import type { GetLoadContextFunction } from "@remix-run/express";
import {
  createReadableStreamFromReadable,
  createRequestHandler as createRemixRequestHandler,
  writeReadableStreamToWritable,
  type ServerBuild,
} from "@remix-run/node";
import type { NextFunction, Request, Response } from "express";
import type { Readable } from "node:stream";

export function createRequestHandler({
  build,
  mode,
  appUrl,
  getLoadContext,
}: {
  build: ServerBuild;
  mode: string;
  appUrl: string;
  getLoadContext: GetLoadContextFunction;
}) {
  const handleRequest = createRemixRequestHandler(build, mode);
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const request = remixRequest(req, res, appUrl);
      const loadContext = await getLoadContext(req, res);
      const response = await handleRequest(request, loadContext);
      // The body limit already answered 413 (and closes the connection).
      if (res.headersSent) return;
      await sendRemixResponse(res, response);
    } catch (error) {
      if (res.headersSent && req.bodyCounter?.refused) return;
      next(error);
    }
  };
}

function remixRequest(req: Request, res: Response, appUrl: string) {
  // originalUrl is origin-form ("/path?query") for every request Node accepts, but an absolute-form
  // target ("http://other/x") must not change the origin either.
  const target = req.originalUrl.startsWith("/") ? req.originalUrl : "/";
  const url = new URL(target, appUrl);
  let controller: AbortController | null = new AbortController();
  const headers = createRemixHeaders(req.headers);
  headers.set("host", new URL(appUrl).host);
  headers.delete("x-forwarded-host");
  const init: RequestInit & { duplex?: "half" } = { method: req.method, headers, signal: controller.signal };
  if (req.method !== "GET" && req.method !== "HEAD") {
    init.body = createReadableStreamFromReadable((req.limitedBody ?? req) as Readable);
    init.duplex = "half";
  }
  res.on("finish", () => (controller = null));
  res.on("close", () => controller?.abort());
  return new globalThis.Request(url.href, init);
}

// As in @remix-run/express 2.17.5 (not exported from its package entry).
function createRemixHeaders(requestHeaders: Request["headers"]) {
  const headers = new Headers();
  for (const [key, values] of Object.entries(requestHeaders)) {
    if (!values) continue;
    if (Array.isArray(values)) for (const value of values) headers.append(key, value);
    else headers.set(key, values);
  }
  return headers;
}

async function sendRemixResponse(res: Response, nodeResponse: globalThis.Response) {
  res.statusMessage = nodeResponse.statusText;
  res.status(nodeResponse.status);
  for (const [key, value] of nodeResponse.headers.entries()) res.append(key, value);
  if (/text\/event-stream/i.test(nodeResponse.headers.get("Content-Type") ?? "")) res.flushHeaders();
  if (nodeResponse.body) await writeReadableStreamToWritable(nodeResponse.body, res);
  else res.end();
}
