/**
 * The concern form's schemas for the route's loader and action. A .server module: the route's
 * browser bundle then does not carry zod (its component needs only the constraints, which the
 * loader sends).
 */
import { getZodConstraint } from "@conform-to/zod";
import { ConcernFieldsSchema } from "./schemas";

export { ConcernFieldsSchema, ConcernFormSchema, withDateRules } from "./schemas";

/** The fields' HTML constraints (required, maxlength, pattern) for the form's inputs. */
export function concernFieldConstraints() {
  return getZodConstraint(ConcernFieldsSchema);
}
