/**
 * CORS for the open-data API (/api/v1/…): anyone's page may read it (GET/HEAD, no credentials:
 * `Access-Control-Allow-Origin: *` never carries cookies), a preflight OPTIONS is answered here
 * before the Origin check (which guards only writes, and the API has none), and any other method
 * is a 405 in JSON.
 */
import type { NextFunction, Request, Response } from "express";

export const API_PATH = /^\/api\/v1(\/|$)/;

export function openDataCors(req: Request, res: Response, next: NextFunction) {
  if (!API_PATH.test(req.path)) return next();
  res.setHeader("Access-Control-Allow-Origin", "*");
  res.setHeader("Access-Control-Expose-Headers", "ETag, Cache-Control");
  if (req.method === "GET" || req.method === "HEAD") return next();
  res.setHeader("Allow", "GET, HEAD, OPTIONS");
  res.setHeader("Cache-Control", "private, no-store");
  if (req.method === "OPTIONS") {
    res.setHeader("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS");
    res.setHeader("Access-Control-Allow-Headers", "Accept, Accept-Language, If-None-Match");
    res.setHeader("Access-Control-Max-Age", "86400");
    res.status(204).end();
    return;
  }
  res.status(405).json({ error: "method_not_allowed", message: "The open-data API is read-only: use GET." });
}
