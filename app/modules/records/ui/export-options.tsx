import { useTranslation } from "react-i18next";

/** The export form's language choice and its two buttons (open to read or print; download), shared by the request page and the period export. */
export function ExportOptions({ defaultLanguage, submitLabel }: { defaultLanguage: "en" | "es"; submitLabel: string }) {
  const { t } = useTranslation("records");
  return (
    <>
      <div className="field">
        <label htmlFor="export-lng">{t("detail.exportLanguage")}</label>
        <select id="export-lng" name="lng" defaultValue={defaultLanguage}>
          <option value="en" lang="en">
            English
          </option>
          <option value="es" lang="es">
            Español
          </option>
        </select>
      </div>
      <div className="actions">
        <button type="submit">{submitLabel}</button>{" "}
        <button type="submit" name="download" value="1" className="secondary">
          {t("detail.exportDownload")}
        </button>
      </div>
    </>
  );
}
