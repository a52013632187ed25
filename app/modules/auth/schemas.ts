import { z } from "zod";

// Messages are i18n keys, translated where the errors are shown.
export const emailField = z
  .string({ required_error: "common:errors.required", invalid_type_error: "common:errors.invalid" })
  .trim()
  .max(254, "common:errors.tooLong")
  .email("common:errors.invalidEmail");

export const newPasswordField = z
  .string({ required_error: "common:errors.required", invalid_type_error: "common:errors.invalid" })
  .min(10, "auth:errors.passwordShort")
  .max(200, "auth:errors.passwordLong");

export const passwordField = z
  .string({ required_error: "common:errors.required", invalid_type_error: "common:errors.invalid" })
  .max(200, "auth:errors.passwordLong");

export const displayNameField = z
  .string({ required_error: "common:errors.required", invalid_type_error: "common:errors.invalid" })
  .trim()
  .min(1, "common:errors.required")
  .max(100, "auth:errors.nameLong");

// A hidden field nobody types: a bad value (repeated, too long) just means "go home", not an error no one can see.
export const redirectToField = z.string().max(2000).optional().catch(undefined);

export const LoginSchema = z.object({ email: emailField, password: passwordField, redirectTo: redirectToField });
export const SignupSchema = z.object({ displayName: displayNameField, email: emailField, password: newPasswordField });
export const ForgotPasswordSchema = z.object({ email: emailField });
export const ResetPasswordSchema = z.object({ token: z.string().max(200), password: newPasswordField });
export const AcceptInvitationSchema = z.object({ displayName: displayNameField, password: newPasswordField });
export const ChangeEmailSchema = z.object({ intent: z.literal("change-email"), email: emailField });
export const ChangePasswordSchema = z.object({ intent: z.literal("change-password"), currentPassword: passwordField, newPassword: newPasswordField });
