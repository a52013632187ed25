import { redirect, type AppLoadContext } from "@remix-run/node";
import type { User } from "lucia";
import { hasRole, type Role } from "./roles";
import { forbidden } from "~/utils/errors";

type Args = { request: Request; context: AppLoadContext };

/** The signed-in user, or null for a visitor. The server validated the session cookie already. */
export function getUser({ context }: Pick<Args, "context">): User | null {
  const user = context.user;
  return user && !user.deactivated ? user : null;
}

export function loginRedirect(request: Request) {
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  return redirect(`/login?redirectTo=${encodeURIComponent(back)}`);
}

export function requireUser(args: Args): User {
  const user = getUser(args);
  if (!user) throw loginRedirect(args.request);
  return user;
}

/**
 * The one permission check every loader and action uses: a visitor goes to login and
 * comes back; a signed-in user without the role gets a 403 page.
 */
export function requireRole(args: Args, role: Exclude<Role, "visitor">): User {
  const user = requireUser(args);
  if (!hasRole(user.role, role)) {
    forbidden();
  }
  return user;
}

export function requireVisitor(args: Args, to = "/") {
  if (getUser(args)) throw redirect(to);
}

const SITE = "http://cab.invalid";

/**
 * Only same-site paths are followed after login. The target is normalised the way a browser reads
 * it before deciding: tabs, newlines and other control characters are dropped (a browser ignores
 * them, so "/\t/host" is "//host"), backslashes count as slashes, and the result is re-serialised
 * by the URL parser, so what goes into Location is exactly what the check looked at.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/") {
  if (!to || typeof to !== "string") return fallback;
  const cleaned = to.replace(/[\u0000-\u001F\u007F]/g, "").trim();
  if (!cleaned.startsWith("/")) return fallback;
  let url: URL;
  try {
    url = new URL(cleaned, SITE);
  } catch {
    return fallback;
  }
  if (url.origin !== SITE) return fallback;
  const path = url.pathname + url.search + url.hash;
  // "/.//host" normalises to "//host": protocol-relative, another site.
  if (!path.startsWith("/") || path.startsWith("//") || path.includes("\\")) return fallback;
  return path;
}
