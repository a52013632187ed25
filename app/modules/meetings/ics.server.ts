import ical, { ICalCalendarMethod, ICalEventStatus, type ICalDateTimeValue } from "ical-generator";
import { formatNeutralDateTime, wallTimeAt, zoneAbbreviation, zoneOffsetMinutes } from "~/utils/clock";

export type IcsMeeting = {
  id: string;
  /** The public notice (Sunshine Law): when it was posted, the deadline it met, a short-notice reason, a closed portion. */
  noticePostedAt?: Date | null;
  noticeDeadline?: Date | null;
  shortNoticeReason?: string | null;
  closedExceptionCode?: string | null;
  closedTopic?: string | null;
  title: string;
  mode: "in_person" | "online" | "hybrid";
  place: string | null;
  link: string | null;
  startsAt: Date;
  endsAt: Date;
  status: "scheduled" | "cancelled" | "held";
  agendaText: string;
  sequence: number;
  updatedAt: Date;
};

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/**
 * ical-generator formats a native Date given with a TZID in the *server's* local zone. We hand
 * it a small Day.js-shaped value instead, whose tz() gives the wall time in the county's zone.
 */
function zoned(instant: Date, zone: string | null): ICalDateTimeValue {
  const format = (fmt?: string) => {
    const w = zone
      ? wallTimeAt(instant, zone)
      : {
          year: instant.getUTCFullYear(),
          month: instant.getUTCMonth() + 1,
          day: instant.getUTCDate(),
          hour: instant.getUTCHours(),
          minute: instant.getUTCMinutes(),
          second: instant.getUTCSeconds(),
        };
    if (fmt === "YYYYMMDD") return `${pad(w.year, 4)}${pad(w.month)}${pad(w.day)}`;
    if (fmt === "HHmmss") return `${pad(w.hour)}${pad(w.minute)}${pad(w.second)}`;
    return instant.toISOString();
  };
  const stub = {
    tz: (z?: string) => zoned(instant, z ?? zone) as typeof stub,
    utc: () => zoned(instant, null) as typeof stub,
    format,
    toDate: () => new Date(instant),
    isValid: () => !Number.isNaN(instant.getTime()),
    toJSON: () => instant.toISOString(),
    valueOf: () => instant.getTime(),
  };
  return stub as unknown as ICalDateTimeValue;
}

function offsetString(minutes: number) {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
}

function shortZoneName(instant: Date, zone: string) {
  return zoneAbbreviation(instant, "en", zone);
}

/** The instants in [from, to) at which the zone's UTC offset changes, found from the platform's tz data. */
function transitions(zone: string, from: Date, to: Date) {
  const found: { at: Date; from: number; to: number }[] = [];
  const step = 24 * 3600_000;
  let prevTime = from.getTime();
  let prevOffset = zoneOffsetMinutes(from, zone);
  for (let t = prevTime + step; t < to.getTime() + step; t += step) {
    const offset = zoneOffsetMinutes(new Date(t), zone);
    if (offset !== prevOffset) {
      // Narrow the change down to the minute.
      let lo = prevTime;
      let hi = t;
      while (hi - lo > 60_000) {
        const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
        if (zoneOffsetMinutes(new Date(mid), zone) === prevOffset) lo = mid;
        else hi = mid;
      }
      found.push({ at: new Date(hi), from: prevOffset, to: offset });
    }
    prevTime = t;
    prevOffset = offset;
  }
  return found;
}

/**
 * A VTIMEZONE for the zone covering the years of the events (one observance per transition),
 * so any calendar (and ical.js) turns the TZID times into the right instants.
 */
export function vtimezone(zone: string, fromYear: number, toYear: number): string {
  const from = new Date(Date.UTC(fromYear, 0, 1));
  const to = new Date(Date.UTC(toYear + 1, 0, 1));
  const list = transitions(zone, from, to);
  const offsets = [zoneOffsetMinutes(from, zone), ...list.map((t) => t.to)];
  const standard = Math.min(...offsets);
  const lines = ["BEGIN:VTIMEZONE", `TZID:${zone}`];
  const startOffset = offsets[0]!;
  const observance = (kind: "STANDARD" | "DAYLIGHT", localStart: string, fromOff: number, toOff: number, name: string) => {
    lines.push(
      `BEGIN:${kind}`,
      `DTSTART:${localStart}`,
      `TZOFFSETFROM:${offsetString(fromOff)}`,
      `TZOFFSETTO:${offsetString(toOff)}`,
      `TZNAME:${name}`,
      `END:${kind}`,
    );
  };
  const local = (instant: Date, offset: number) => {
    const d = new Date(instant.getTime() + offset * 60_000);
    return `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
  };
  observance(startOffset > standard ? "DAYLIGHT" : "STANDARD", "19700101T000000", startOffset, startOffset, shortZoneName(from, zone));
  for (const t of list) {
    observance(t.to > standard ? "DAYLIGHT" : "STANDARD", local(t.at, t.from), t.from, t.to, shortZoneName(t.at, zone));
  }
  lines.push("END:VTIMEZONE");
  return lines.join("\r\n");
}

/**
 * The notice in the event's description (calendar clients have no language of ours: the English
 * and Spanish lines both, with locale-neutral times).
 */
function noticeLines(m: IcsMeeting, zone: string): string {
  const lines: string[] = [];
  if (m.noticePostedAt) {
    lines.push(
      `Public notice posted ${formatNeutralDateTime(m.noticePostedAt, zone)} / Aviso público publicado ${formatNeutralDateTime(m.noticePostedAt, zone)}`,
    );
    if (m.noticeDeadline) lines.push(`Notice deadline / Plazo del aviso: ${formatNeutralDateTime(m.noticeDeadline, zone)}`);
  }
  if (m.shortNoticeReason) lines.push(`Short notice / Aviso con poca antelación: ${m.shortNoticeReason}`);
  if (m.closedExceptionCode) {
    lines.push(
      `Closed portion under RSMo ${m.closedExceptionCode.replace(/^RSMo\s*/, "")} / Sesión cerrada según RSMo ${m.closedExceptionCode.replace(/^RSMo\s*/, "")}: ${m.closedTopic ?? ""}`,
    );
  }
  return lines.join("\n");
}

type CalendarOptions = { origin: string; zone: string; name: string; method?: "publish" | "request" | "cancel" };

/** One calendar for a meeting (download, email attachment) or many (the public feed). */
export function meetingsCalendar(list: IcsMeeting[], { origin, zone, name, method = "publish" }: CalendarOptions): string {
  const years = list.flatMap((m) => [m.startsAt.getUTCFullYear(), m.endsAt.getUTCFullYear()]);
  const fromYear = (years.length ? Math.min(...years) : new Date().getUTCFullYear()) - 1;
  const toYear = (years.length ? Math.max(...years) : new Date().getUTCFullYear()) + 1;
  const calendar = ical({
    name,
    prodId: { company: "CAB Portal", product: "meetings", language: "EN" },
    method: method === "cancel" ? ICalCalendarMethod.CANCEL : method === "request" ? ICalCalendarMethod.REQUEST : ICalCalendarMethod.PUBLISH,
    // name: null keeps DTSTAMP in UTC; the generator adds our VTIMEZONE for the events' TZID.
    timezone: { name: null, generator: (tz) => vtimezone(tz, fromYear, toYear) },
  });
  calendar.x([{ key: "X-WR-TIMEZONE", value: zone }]);
  for (const m of list) {
    const url = `${origin}/meetings/${m.id}`;
    const where = m.mode === "online" ? m.link : m.mode === "hybrid" ? `${m.place} · ${m.link}` : m.place;
    calendar.createEvent({
      id: `meeting-${m.id}@cab-portal`,
      sequence: m.sequence,
      stamp: m.updatedAt,
      start: zoned(m.startsAt, zone),
      end: zoned(m.endsAt, zone),
      timezone: zone,
      summary: m.title,
      description: [m.agendaText, noticeLines(m, zone), url].filter(Boolean).join("\n\n"),
      location: where ?? null,
      url,
      status: m.status === "cancelled" ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}
