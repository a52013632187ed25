import { useForm as useConformForm, type SubmissionResult } from "@conform-to/react";
import { useState } from "react";

type Options = Parameters<typeof useConformForm>[0];

/**
 * The `lastResult` a form should see. Conform only reacts to a new result, so when a failed submit
 * is followed by a successful one that redirects (no action data any more), the old errors stay on
 * screen ("Choose support, oppose or abstain" under a recorded vote). When the result goes away
 * after having been there, this hands conform a fresh result without submitted values once (what
 * `submission.reply({ resetForm: true })` sends; conform's `report` resets the form on it), so the
 * errors go too and the fields start again from the loader's values.
 */
export function useFreshResult<R extends SubmissionResult<unknown>>(lastResult: R | null | undefined): R | null | undefined {
  const [state, setState] = useState({ seen: lastResult, shown: lastResult });
  if (state.seen !== lastResult) {
    const shown = lastResult ?? (state.seen ? ({ initialValue: null } as R) : state.shown);
    setState({ seen: lastResult, shown });
    return shown;
  }
  return state.shown;
}

/**
 * conform's `useForm`, with `lastResult` keyed so that a success clears a failure's errors. Use this
 * one everywhere: a form that stays on the page after a successful post is the usual case.
 */
export const useForm: typeof useConformForm = (options) => useConformForm({ ...options, lastResult: useFreshResult(options.lastResult) });
