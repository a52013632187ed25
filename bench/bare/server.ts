/**
 * The bare Express + Remix page the benchmark measures the portal against: Express 4, the Remix
 * request handler, the build's static files, nothing else (no logging, no security headers, no
 * session). WEB_CONCURRENCY workers over node:cluster, as the portal's server does.
 */
import cluster from "node:cluster";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";

const here = path.dirname(fileURLToPath(import.meta.url));
const port = Number(process.env.PORT ?? 3100);
const workers = Math.max(1, Number(process.env.WEB_CONCURRENCY || os.availableParallelism()));

async function serve() {
  const build = (await import(pathToFileURL(path.join(here, "build/index.js")).href)) as ServerBuild;
  const app = express();
  app.disable("x-powered-by");
  app.get("/healthz", (_req, res) => void res.json({ ok: true }));
  app.use("/build", express.static(path.join(here, "public/build"), { immutable: true, maxAge: "1y" }));
  app.all("*", createRequestHandler({ build, mode: "production" }));
  app.listen(port, "127.0.0.1");
  process.on("SIGTERM", () => process.exit(0));
}

if (workers > 1 && cluster.isPrimary) {
  for (let i = 0; i < workers; i++) cluster.fork();
  process.on("SIGTERM", () => {
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGTERM");
    setTimeout(() => process.exit(0), 200);
  });
} else {
  void serve();
}
