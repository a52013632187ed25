// The Remix compiler replaces `process.env.NODE_ENV` with "production" in every build, so
// the real runtime value has to be read indirectly.
const NODE_ENV_KEY = "NODE_ENV";

function runtimeNodeEnv() {
  return process.env[NODE_ENV_KEY];
}

export function isProduction() {
  return runtimeNodeEnv() === "production";
}

/**
 * The portal's public origin (scheme, host, port; no path), from configuration only: every link
 * the portal writes (emails, feeds, calendars, Open311 discovery, unsubscribe) starts with it, and
 * the server's Origin check compares with it. Nothing the request says (Host, Origin,
 * X-Forwarded-Host) is used. In production `APP_URL` is required (server/config.ts refuses to start
 * without it); in development it defaults to http://localhost:PORT.
 */
export function appUrl(): string {
  const raw = process.env.APP_URL?.trim();
  if (raw) return new URL(raw).origin;
  if (isProduction()) throw new Error("APP_URL is required in production");
  return `http://localhost:${process.env.PORT || 3000}`;
}

/** Cookies carry Secure in production and whenever the public origin is https. */
export function secureCookies() {
  if (isProduction()) return true;
  try {
    return appUrl().startsWith("https:");
  } catch {
    return false;
  }
}
