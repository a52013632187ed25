import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

/** "Print or save as PDF": a plain instruction without JavaScript, a button that opens the print dialog with it. */
export function PrintButton() {
  const { t } = useTranslation("metrics");
  const [scripted, setScripted] = useState(false);
  useEffect(() => setScripted(true), []);
  return (
    <p className="report-print no-print">
      {scripted ? (
        <button type="button" onClick={() => window.print()}>
          {t("annual.print")}
        </button>
      ) : null}{" "}
      <span className="muted">{t("annual.printHint")}</span>
    </p>
  );
}
