import { Button, Heading, Link, Text } from "@react-email/components";
import { EmailLayout } from "./layout";

export type AuthEmailKind = "verify-email" | "invitation" | "reset-password" | "change-email" | "email-change-notice" | "signup-existing";

export type AuthEmailTexts = {
  brand: string;
  subject: string;
  heading: string;
  body: string;
  button: string;
  expiry: string;
  ignore: string;
  footer: string;
  linkHelp: string;
};

export function AuthEmail({ lang, url, texts }: { lang: string; url: string; texts: AuthEmailTexts }) {
  return (
    <EmailLayout lang={lang} brand={texts.brand} preview={texts.heading} footer={texts.footer}>
      <Heading as="h1" style={{ fontSize: "22px" }}>
        {texts.heading}
      </Heading>
      <Text>{texts.body}</Text>
      <Button href={url} style={{ backgroundColor: "#1d4e89", color: "#ffffff", padding: "12px 18px", borderRadius: "6px", fontWeight: 700 }}>
        {texts.button}
      </Button>
      <Text>{texts.expiry}</Text>
      <Text style={{ fontSize: "13px" }}>
        {texts.linkHelp} <Link href={url}>{url}</Link>
      </Text>
      <Text style={{ fontSize: "13px" }}>{texts.ignore}</Text>
    </EmailLayout>
  );
}

export default AuthEmail;
