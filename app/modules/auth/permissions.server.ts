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

/** Only relative, same-site paths are followed after login. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/") {
  if (!to || typeof to !== "string") return fallback;
  if (!to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}
