import { useTranslation } from "react-i18next";

/** A page a later issue builds: it says what will be there, so no link is dead. */
export function PlaceholderPage({ title, text }: { title: string; text: string }) {
  const { t } = useTranslation();
  return (
    <section>
      <h1>{t(title)}</h1>
      <p className="badge">{t("placeholder.comingSoon")}</p>
      <p>{t(text)}</p>
    </section>
  );
}
