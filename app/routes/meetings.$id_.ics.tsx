import type { LoaderFunctionArgs } from "@remix-run/node";
import { getUser } from "~/modules/auth/index.server";
import { getVisibleMeeting, meetingsCalendar } from "~/modules/meetings/index.server";
import { COUNTY_TIME_ZONE } from "~/utils/clock";
import { notFound } from "~/utils/errors";
import { appOrigin } from "~/utils/request.server";

/** One meeting as an iCalendar file, in the county's time zone. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = getUser({ context });
  const meeting = await getVisibleMeeting(params.id ?? "", user ? { id: user.id, role: user.role } : null);
  if (!meeting) notFound();
  const body = meetingsCalendar([meeting], { origin: appOrigin(request), zone: COUNTY_TIME_ZONE, name: meeting.title });
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="meeting-${meeting.id}.ics"`,
      "Cache-Control": meeting.isPublic ? "public, max-age=300" : "private, no-store",
    },
  });
}
