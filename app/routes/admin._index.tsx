import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/modules/auth/permissions.server";

export const meta: MetaFunction = () => [{ title: "Administration · CAB Portal" }];

export async function loader(args: LoaderFunctionArgs) {
  requireRole(args, "admin");
  return null;
}

export default function AdminHome() {
  const { t } = useTranslation("admin");
  return (
    <section>
      <h1>{t("title")}</h1>
      <ul className="card-grid">
        <li className="card">
          <h2>
            <Link to="/admin/users">{t("users")}</Link>
          </h2>
          <p>{t("home.users")}</p>
        </li>
        <li className="card">
          <h2>
            <Link to="/admin/outbox">{t("outbox")}</Link>
          </h2>
          <p>{t("home.outbox")}</p>
        </li>
        <li className="card">
          <h2>
            <Link to="/admin/audit">{t("audit")}</Link>
          </h2>
          <p>{t("home.audit")}</p>
        </li>
      </ul>
    </section>
  );
}
