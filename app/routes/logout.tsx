import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { blankSessionCookie, signOut } from "~/modules/auth/index.server";
import { setFlash } from "~/utils/flash.server";

export async function action({ context }: ActionFunctionArgs) {
  if (context.session) await signOut(context.session.id);
  const headers = new Headers();
  headers.append("Set-Cookie", blankSessionCookie());
  headers.append("Set-Cookie", await setFlash({ key: "auth:logout.done" }));
  return redirect("/", { headers });
}

export async function loader() {
  return redirect("/");
}
