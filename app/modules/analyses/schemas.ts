import { z } from "zod";
import { VOTE_CHOICES } from "~/modules/voting";
import { parseLinks } from "./links";

const text = (max: number, min = 1) =>
  z
    .string({ required_error: "common:errors.required", invalid_type_error: "common:errors.invalid" })
    .trim()
    .min(min, min > 1 ? "common:errors.tooShort" : "common:errors.required")
    .max(max, "common:errors.tooLong");

const optionalText = (max: number) => z.string({ invalid_type_error: "common:errors.invalid" }).trim().max(max, "common:errors.tooLong").optional();

const percent = (max: number) =>
  z
    .number({ required_error: "common:errors.required", invalid_type_error: "analyses:errors.percent" })
    .int("analyses:errors.percent")
    .min(0, "analyses:errors.percent")
    .max(max, "analyses:errors.percent");

export const ProposeSchema = z.object({
  question: text(300, 10),
  whyItMatters: text(4000),
  dataNeeded: text(4000),
  links: optionalText(4000).refine((v) => parseLinks(v) !== null, "analyses:errors.links"),
});

export const VoteSchema = z.object({
  intent: z.literal("vote"),
  choice: z.enum(VOTE_CHOICES, { required_error: "analyses:errors.choice", invalid_type_error: "analyses:errors.choice" }),
  reason: optionalText(2000),
});

export const RecuseSchema = z.object({
  intent: z.literal("recuse"),
  conflict: text(2000),
});

const dateTime = z
  .string({ required_error: "common:errors.required", invalid_type_error: "common:errors.invalid" })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/, "analyses:errors.dateTime");

export const OpenVoteSchema = z.object({
  intent: z.literal("open-vote"),
  closesAt: dateTime,
  quorumPercent: percent(100),
  thresholdPercent: percent(99),
  mode: z.enum(["named", "secret"], { invalid_type_error: "common:errors.invalid" }).default("named"),
  resultsVisibility: z.enum(["after_close", "live"], { invalid_type_error: "common:errors.invalid" }).default("after_close"),
});

export const VoteSettingsSchema = z.object({
  intent: z.literal("vote-settings"),
  closesAt: dateTime,
  quorumPercent: percent(100),
  thresholdPercent: percent(99),
  resultsVisibility: z.enum(["after_close", "live"], { invalid_type_error: "common:errors.invalid" }).default("after_close"),
});

export const DecisionSchema = z.object({
  intent: z.literal("decision"),
  status: z.enum(["accepted", "planned", "in_progress", "completed", "declined"], {
    required_error: "analyses:errors.status",
    invalid_type_error: "analyses:errors.status",
  }),
  note: optionalText(4000),
  brief: optionalText(500),
});
