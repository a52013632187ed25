import type { AppLoadContext } from "@remix-run/node";
import { appUrl } from "./env.server";

/**
 * The app's own origin, for links in emails, feeds and calendars: always APP_URL (or the
 * development default), never the request's Host, Origin or X-Forwarded-Host. The argument is
 * kept so call sites read as before; it is deliberately not looked at.
 */
export function appOrigin(_request?: Request) {
  return appUrl();
}

export function sessionMeta(request: Request, context: AppLoadContext) {
  return { userAgent: request.headers.get("user-agent"), ipAddress: context.clientIp };
}
