import { spawn, type ChildProcess } from "node:child_process";
import { getFreePort } from "../../server/embedded-postgres";

export type ServerProcess = {
  url: string;
  port: number;
  child: ChildProcess;
  /** The last lines the process printed (for failure messages). */
  output: () => string;
  stop: () => Promise<void>;
};

/**
 * The real server (server/index.ts over build/) as its own process, as it runs in production:
 * for what an in-process test app cannot show (NODE_ENV=production cookies, a database outage,
 * two instances on one database).
 */
export async function startServerProcess(env: Record<string, string | undefined>, readyTimeoutMs = 60_000, nodeArgs: string[] = []): Promise<ServerProcess> {
  const port = await getFreePort();
  const child = spawn(process.execPath, [...nodeArgs, "--import", "tsx", "server/index.ts"], {
    env: {
      ...process.env,
      LOG_LEVEL: "warn",
      WORKER: "false",
      SEED: "false",
      WEB_CONCURRENCY: "1",
      APP_URL: `http://127.0.0.1:${port}`,
      ...env,
      PORT: String(port),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString().split("\n").filter(Boolean));
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const output = () => lines.join("\n");

  const deadline = Date.now() + readyTimeoutMs;
  let ready = false;
  while (!ready) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before it was ready:\n${output()}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`server not ready after ${readyTimeoutMs} ms:\n${output()}`);
    }
    ready = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) })
      .then((r) => r.ok)
      .catch(() => false);
    if (!ready) await new Promise((r) => setTimeout(r, 150));
  }

  const stop = async () => {
    if (child.exitCode !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  };
  return { url, port, child, output, stop };
}
