import { secureCookies } from "~/utils/env.server";
import { createCookie } from "@remix-run/node";

/** A one-time message (an i18n key) shown on the next page, like the Epic Stack's toasts. */
const flashCookie = createCookie("cab_flash", {
  path: "/",
  httpOnly: true,
  sameSite: "lax",
  secure: secureCookies(),
  maxAge: 60,
});

export type Flash = { key: string; values?: Record<string, string | number>; kind?: "success" | "info" | "error" };

export async function setFlash(flash: Flash) {
  return flashCookie.serialize(flash);
}

export async function readFlash(request: Request): Promise<{ flash: Flash | null; clear: string | null }> {
  const value = (await flashCookie.parse(request.headers.get("Cookie"))) as Flash | null;
  if (!value || typeof value.key !== "string") return { flash: null, clear: null };
  return { flash: value, clear: await flashCookie.serialize("", { maxAge: 0 }) };
}
