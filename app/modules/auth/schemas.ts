import { z } from "zod";
import { LOCALES } from "~/locales/config";
import { ACCOUNT_ROLES, INVITED_ROLES, type AccountRole } from "./roles";

// Messages are i18n keys, translated where the errors are shown.
const emailField = z
  .string({ required_error: "common:errors.required", invalid_type_error: "common:errors.invalid" })
  .trim()
  .max(254, "common:errors.tooLong")
  .email("common:errors.invalidEmail");

const newPasswordField = z
  .string({ required_error: "common:errors.required", invalid_type_error: "common:errors.invalid" })
  .min(10, "auth:errors.passwordShort")
  .max(200, "auth:errors.passwordLong");

const passwordField = z.string({ required_error: "common:errors.required", invalid_type_error: "common:errors.invalid" }).max(200, "auth:errors.passwordLong");

const displayNameField = z
  .string({ required_error: "common:errors.required", invalid_type_error: "common:errors.invalid" })
  .trim()
  .min(1, "common:errors.required")
  .max(100, "auth:errors.nameLong");

// A hidden field nobody types: a bad value (repeated, too long) just means "go home", not an error no one can see.
const redirectToField = z.string().max(2000).optional().catch(undefined);

export const LoginSchema = z.object({ email: emailField, password: passwordField, redirectTo: redirectToField });
export const SignupSchema = z.object({ displayName: displayNameField, email: emailField, password: newPasswordField });
export const ForgotPasswordSchema = z.object({ email: emailField });
// Emailed tokens are 43 characters of base64url; anything else is a dead link, said so in words.
const tokenField = z.string({ required_error: "auth:reset.invalid", invalid_type_error: "auth:reset.invalid" }).max(200, "auth:reset.invalid");

export const ResetPasswordSchema = z.object({ token: tokenField, password: newPasswordField });
export const AcceptInvitationSchema = z.object({ displayName: displayNameField, password: newPasswordField });
export const ChangeEmailSchema = z.object({ intent: z.literal("change-email"), email: emailField, currentPassword: passwordField });
export const ChangePasswordSchema = z.object({ intent: z.literal("change-password"), currentPassword: passwordField, newPassword: newPasswordField });

// The admin pages: one form per intent, each with its own schema.
const idField = z.string({ required_error: "common:errors.required", invalid_type_error: "common:errors.invalid" }).max(100, "common:errors.tooLong");
export const InviteSchema = z.object({
  intent: z.literal("invite"),
  email: emailField,
  role: z.enum(INVITED_ROLES, { errorMap: () => ({ message: "common:errors.invalid" }) }),
  locale: z.enum(LOCALES, { errorMap: () => ({ message: "common:errors.invalid" }) }),
});
/** A destructive admin action's second step says confirm=yes (see ConfirmStep). */
const confirmField = z.literal("yes").optional().catch(undefined);
export const RevokeInvitationSchema = z.object({
  intent: z.literal("revoke-invitation"),
  invitationId: z.string().uuid("common:errors.invalid"),
  confirm: confirmField,
});
export const ChangeRoleSchema = z.object({
  intent: z.literal("change-role"),
  userId: idField,
  role: z.enum(ACCOUNT_ROLES as [AccountRole, ...AccountRole[]], { errorMap: () => ({ message: "common:errors.invalid" }) }),
  confirm: confirmField,
});
export const SetActiveSchema = z.object({ intent: z.enum(["deactivate", "reactivate"]), userId: idField, confirm: confirmField });
export const AdminUsersSchema = z.discriminatedUnion("intent", [InviteSchema, RevokeInvitationSchema, ChangeRoleSchema, SetActiveSchema], {
  errorMap: () => ({ message: "common:errors.invalid" }),
});

export const AccountSchema = z.discriminatedUnion("intent", [ChangeEmailSchema, ChangePasswordSchema], {
  errorMap: () => ({ message: "common:errors.invalid" }),
});
