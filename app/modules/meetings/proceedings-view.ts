// The record of proceedings in the reader's language: dates formatted and exceptions worded for
// the page (browser-safe; the data comes from getProceedings on the server).
import { exceptionText, type ClosedException } from "~/modules/sunshine";
import { formatDateTime, formatDateTimeRange, formatTime } from "~/utils/clock";

type Entry = { name: string; choice: "support" | "oppose" | "abstain" | null; recused: boolean };
type Data = {
  when: { startsAt: Date; endsAt: Date };
  mode: "in_person" | "online" | "hybrid";
  place: string | null;
  link: string | null;
  notice: {
    postedAt: Date | null;
    deadline: Date | null;
    shortNoticeReason: string | null;
    closedException: ClosedException | null;
    closedTopic: string | null;
  };
  present: string[];
  absent: string[];
  excused: string[];
  motions: {
    id: string;
    kind: "motion" | "close_session";
    text: string;
    mover: string | null;
    seconder: string | null;
    passed: boolean;
    at: Date;
    exception: ClosedException | null;
    rollCall: Entry[];
  }[];
  minutesApprovals: { id: string; passed: boolean; meetingId: string; meetingTitle: string; meetingStartsAt: Date; rollCall: Entry[] }[];
  portalVotes: { id: string; title: string; url: string; passed: boolean; noQuorum: boolean; closedAt: Date; rollCall: Entry[] }[];
  closedSessions: { motionId: string; at: Date; topic: string | null; exception: ClosedException | null; approved: boolean; approvalRollCalls: Entry[][] }[];
};

export type RollCallView = { name: string; answer: "support" | "oppose" | "abstain" | "recused" | "notVoting" }[];

const answers = (list: Entry[]): RollCallView => list.map((e) => ({ name: e.name, answer: e.recused ? "recused" : (e.choice ?? "notVoting") }));

export function proceedingsView(p: Data, locale: string) {
  const at = (d: Date | null) => (d ? formatDateTime(d, locale, { zoneName: true }) : null);
  const ex = (e: ClosedException | null) => (e ? exceptionText(e, locale) : null);
  return {
    when: formatDateTimeRange(p.when.startsAt, p.when.endsAt, locale),
    mode: p.mode,
    place: p.place,
    link: p.link,
    notice: {
      postedAt: at(p.notice.postedAt),
      deadline: at(p.notice.deadline),
      late: !!(p.notice.postedAt && p.notice.deadline && p.notice.postedAt > p.notice.deadline),
      shortNoticeReason: p.notice.shortNoticeReason,
      closed: p.notice.closedException ? { ...exceptionText(p.notice.closedException, locale), topic: p.notice.closedTopic } : null,
    },
    present: p.present,
    absent: p.absent,
    excused: p.excused,
    motions: p.motions.map((m) => ({
      id: m.id,
      kind: m.kind,
      text: m.text,
      mover: m.mover,
      seconder: m.seconder,
      passed: m.passed,
      time: formatTime(m.at, locale),
      exception: ex(m.exception),
      rollCall: answers(m.rollCall),
    })),
    minutesApprovals: p.minutesApprovals.map((a) => ({
      id: a.id,
      passed: a.passed,
      meetingId: a.meetingId,
      meetingTitle: a.meetingTitle,
      rollCall: answers(a.rollCall),
    })),
    portalVotes: p.portalVotes.map((v) => ({
      id: v.id,
      title: v.title,
      url: v.url,
      passed: v.passed,
      noQuorum: v.noQuorum,
      closedOn: formatDateTime(v.closedAt, locale, { zoneName: true }),
      rollCall: answers(v.rollCall),
    })),
    closedSessions: p.closedSessions.map((c) => ({
      motionId: c.motionId,
      time: formatTime(c.at, locale),
      topic: c.topic,
      exception: ex(c.exception),
      approved: c.approved,
      approvalRollCalls: c.approvalRollCalls.map(answers),
    })),
  };
}

export type ProceedingsView = ReturnType<typeof proceedingsView>;
