import type { LoaderFunctionArgs } from "@remix-run/node";
import { meetingsCalendar } from "~/modules/meetings/index.server";
import { listPublicForFeed } from "~/modules/meetings/index.server";
import { appOrigin } from "~/utils/request.server";
import { COUNTY_TIME_ZONE } from "~/utils/clock";

/** The subscribable calendar of public board meetings (cancelled ones stay, marked CANCELLED, so calendars drop them). */
export async function loader({ request }: LoaderFunctionArgs) {
  const list = await listPublicForFeed();
  const body = meetingsCalendar(list, { origin: appOrigin(request), zone: COUNTY_TIME_ZONE, name: "CAB meetings" });
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'inline; filename="cab-meetings.ics"',
      "Cache-Control": "public, max-age=300",
    },
  });
}
