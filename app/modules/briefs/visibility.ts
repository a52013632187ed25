import { hasRole, type Role } from "~/modules/auth";
import type { BriefStatus } from "./schemas";

/**
 * Who sees a brief: drafts only staff; CAB review only CAB members and up; public everyone.
 * Anyone else is told the brief does not exist (404), so a CAB-only brief is not revealed.
 */
export function canSeeBrief(role: Role | null | undefined, status: BriefStatus) {
  if (status === "public") return true;
  if (status === "cab_review") return hasRole(role, "cab_member");
  return hasRole(role, "csu_staff");
}

export function visibleStatuses(role: Role | null | undefined): BriefStatus[] {
  return (["public", "cab_review", "draft"] as const).filter((s) => canSeeBrief(role, s));
}
