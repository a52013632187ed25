import type { Session, User } from "lucia";

/** What the Express server hands every loader and action (see server/app.ts). */
export type RequestContext = {
  cspNonce: string;
  clientIp: string;
  user: User | null;
  session: Session | null;
};

declare module "@remix-run/node" {
  interface AppLoadContext extends RequestContext {}
}
declare module "@remix-run/server-runtime" {
  interface AppLoadContext extends RequestContext {}
}
