import type { AppLoadContext } from "@remix-run/node";

/** The app's own origin, for links in emails. APP_URL wins when set (behind a proxy). */
export function appOrigin(request: Request) {
  return process.env.APP_URL ? new URL(process.env.APP_URL).origin : new URL(request.url).origin;
}

export function sessionMeta(request: Request, context: AppLoadContext) {
  return { userAgent: request.headers.get("user-agent"), ipAddress: context.clientIp };
}
