import type { LoaderFunctionArgs } from "@remix-run/node";
import { PlaceholderPage } from "~/components/placeholder";
import { requireRole } from "~/modules/auth/permissions.server";

export async function loader(args: LoaderFunctionArgs) {
  requireRole(args, "csu_staff");
  return null;
}

export default function StaffHome() {
  return <PlaceholderPage title="nav.staff" text="placeholder.staff" />;
}
