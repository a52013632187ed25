import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

/** Where "Exit this page" goes: a neutral site that gives nothing away on a shared screen. */
export const EXIT_URL = "https://www.bbc.com/weather";

/** Shift pressed this many times, each within `SHIFT_WINDOW_MS` of the first, leaves at once. */
const SHIFT_PRESSES = 3;
const SHIFT_WINDOW_MS = 5000;

/**
 * "Exit this page" (after GOV.UK's component): for a resident who may be watched while reporting.
 * Without JavaScript it is a plain link to a neutral site. With JavaScript the button (or Shift
 * pressed three times) hides the page at once and replaces it in the tab's history with the
 * neutral site, so Back does not return here. A note says what it cannot do: browser history
 * already recorded is not erased.
 */
export function ExitThisPage() {
  const { t } = useTranslation("concerns");
  const [enhanced, setEnhanced] = useState(false);
  const [presses, setPresses] = useState(0);
  const [leaving, setLeaving] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    setEnhanced(true);
    let count = 0;
    const onKeyUp = (event: KeyboardEvent) => {
      // Shift on its own (not Shift held to type a capital letter): GOV.UK counts key-ups of Shift.
      if (event.key !== "Shift" || event.repeat) {
        return;
      }
      count += 1;
      if (count === 1) timer.current = setTimeout(() => ((count = 0), setPresses(0)), SHIFT_WINDOW_MS);
      setPresses(count);
      if (count >= SHIFT_PRESSES) leave();
    };
    const onKeyDown = (event: KeyboardEvent) => {
      // Another key between presses (Shift+A typing a capital) starts the count again.
      if (event.key !== "Shift" && count > 0) {
        count = 0;
        setPresses(0);
        if (timer.current) clearTimeout(timer.current);
      }
    };
    window.addEventListener("keyup", onKeyUp, true);
    window.addEventListener("keydown", onKeyDown, true);
    return () => {
      window.removeEventListener("keyup", onKeyUp, true);
      window.removeEventListener("keydown", onKeyDown, true);
      if (timer.current) clearTimeout(timer.current);
    };
  }, []);

  function leave() {
    setLeaving(true);
    document.documentElement.classList.add("exiting-page");
    window.location.replace(EXIT_URL);
  }

  const remaining = SHIFT_PRESSES - presses;
  return (
    <div className="exit-this-page no-print" data-exit-this-page>
      <a
        href={EXIT_URL}
        className="button exit-this-page-button"
        rel="noreferrer nofollow"
        onClick={(event) => {
          event.preventDefault();
          leave();
        }}
      >
        {t("exit.button")}
      </a>
      <p className="exit-this-page-note">{enhanced ? t("exit.noteShift") : t("exit.note")}</p>
      {enhanced ? (
        <p className="visually-hidden" role="status" aria-live="polite">
          {leaving ? t("exit.leaving") : presses > 0 && remaining > 0 ? t("exit.pressMore", { count: remaining }) : ""}
        </p>
      ) : null}
      {enhanced && presses > 0 && !leaving ? (
        <span className="exit-this-page-presses" aria-hidden="true">
          {Array.from({ length: SHIFT_PRESSES }, (_, i) => (
            <span key={i} className={i < presses ? "on" : undefined} />
          ))}
        </span>
      ) : null}
    </div>
  );
}
