import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/modules/auth/index.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "admin");

export async function loader(args: LoaderFunctionArgs) {
  requireRole(args, "admin");
  return null;
}

/** Every admin page: one line each (title admin:<key>, description admin:home.<key>). */
const ADMIN_TOOLS = [
  { key: "users", to: "/admin/users" },
  { key: "outbox", to: "/admin/outbox" },
  { key: "audit", to: "/admin/audit" },
  { key: "policies", to: "/admin/policies" },
  { key: "sunshine", to: "/admin/sunshine" },
  { key: "apiKeys", to: "/admin/api-keys" },
] as const;

export default function AdminHome() {
  const { t } = useTranslation("admin");
  return (
    <section>
      <h1>{t("title")}</h1>
      <ul className="card-grid">
        {ADMIN_TOOLS.map((tool) => (
          <li key={tool.key} className="card">
            <h2>
              <Link to={tool.to}>{t(tool.key)}</Link>
            </h2>
            <p>{t(`home.${tool.key}`)}</p>
          </li>
        ))}
      </ul>
      <p>
        <Link to="/staff">{t("common:staffHub.title")}</Link>
      </p>
    </section>
  );
}
