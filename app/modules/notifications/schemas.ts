import { z } from "zod";
import { DELIVERY_OPTIONS, NOTIFICATION_TYPES, type NotificationType } from "./types";

const delivery = z.enum(DELIVERY_OPTIONS, { errorMap: () => ({ message: "common:errors.invalid" }) });

/** The settings form: one delivery choice per notification type, all required. */
export const PreferencesSchema = z.object(Object.fromEntries(NOTIFICATION_TYPES.map((type) => [type, delivery])) as Record<NotificationType, typeof delivery>);

export const InboxActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("read"), id: z.string().uuid("common:errors.invalid") }),
  z.object({ intent: z.literal("read_all") }),
]);
