import { Button, Heading, Link, Text } from "@react-email/components";
import { EmailLayout } from "./layout";

export type NotificationEmailTexts = {
  /** The portal's name in the email's language. */
  brand: string;
  subject: string;
  body: string;
  button: string;
  footer: string;
  /** Why this arrived and how to stop it (optional so older callers keep working). */
  unsubscribe?: string;
  preferences?: string;
};

export type EmailLinks = { unsubscribeUrl?: string; preferencesUrl?: string };

const small = { fontSize: "13px", color: "#4a5563" };

/** The email for an in-portal event (brief published, reply, vote, meeting, concern update…). */
export function NotificationEmail({ lang, url, texts, links = {} }: { lang: string; url: string; texts: NotificationEmailTexts; links?: EmailLinks }) {
  return (
    <EmailLayout lang={lang} brand={texts.brand} preview={texts.subject} footer={texts.footer}>
      <Heading as="h1" style={{ fontSize: "22px" }}>
        {texts.subject}
      </Heading>
      <Text>{texts.body}</Text>
      <Button href={url} style={{ backgroundColor: "#1d4e89", color: "#ffffff", padding: "12px 18px", borderRadius: "6px", fontWeight: 700 }}>
        {texts.button}
      </Button>
      <EmailSettingsLinks texts={texts} links={links} />
    </EmailLayout>
  );
}

/** "Stop emails like this" (one click, no login) and "choose what you receive". */
export function EmailSettingsLinks({ texts, links }: { texts: { unsubscribe?: string; preferences?: string }; links: EmailLinks }) {
  if (!links.unsubscribeUrl && !links.preferencesUrl) return null;
  return (
    <Text style={small}>
      {links.unsubscribeUrl && texts.unsubscribe ? (
        <Link href={links.unsubscribeUrl} style={{ color: "#1d4e89" }}>
          {texts.unsubscribe}
        </Link>
      ) : null}
      {links.unsubscribeUrl && links.preferencesUrl ? " · " : null}
      {links.preferencesUrl && texts.preferences ? (
        <Link href={links.preferencesUrl} style={{ color: "#1d4e89" }}>
          {texts.preferences}
        </Link>
      ) : null}
    </Text>
  );
}

export default NotificationEmail;
