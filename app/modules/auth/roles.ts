/** Roles are cumulative: each can do everything the ones before it can. */
export const ROLES = ["visitor", "resident", "cab_member", "csu_staff", "admin"] as const;
export type Role = (typeof ROLES)[number];
export type AccountRole = Exclude<Role, "visitor">;
export const ACCOUNT_ROLES = ROLES.filter((r): r is AccountRole => r !== "visitor");
export const INVITED_ROLES = ["cab_member", "csu_staff", "admin"] as const satisfies readonly AccountRole[];

export function hasRole(actual: Role | null | undefined, required: Role): boolean {
  return ROLES.indexOf(actual ?? "visitor") >= ROLES.indexOf(required);
}
