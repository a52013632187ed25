import { Button, Heading, Text } from "@react-email/components";
import { EmailLayout } from "./layout";

export type NotificationEmailTexts = { subject: string; body: string; button: string; footer: string };

/** The email for an in-portal event (brief published, reply, vote, meeting, concern update…). */
export function NotificationEmail({ lang, url, texts }: { lang: string; url: string; texts: NotificationEmailTexts }) {
  return (
    <EmailLayout lang={lang} preview={texts.subject} footer={texts.footer}>
      <Heading as="h1" style={{ fontSize: "22px" }}>
        {texts.subject}
      </Heading>
      <Text>{texts.body}</Text>
      <Button href={url} style={{ backgroundColor: "#1d4e89", color: "#ffffff", padding: "12px 18px", borderRadius: "6px", fontWeight: 700 }}>
        {texts.button}
      </Button>
    </EmailLayout>
  );
}

export default NotificationEmail;
