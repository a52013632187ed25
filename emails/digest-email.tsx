import { Heading, Hr, Link, Section, Text } from "@react-email/components";
import { EmailLayout } from "./layout";
import { EmailSettingsLinks, type EmailLinks } from "./notification-email";

export type DigestItem = { title: string; body: string; url: string; when: string };
export type DigestEmailTexts = {
  brand: string;
  subject: string;
  heading: string;
  intro: string;
  open: string;
  footer: string;
  unsubscribe: string;
  preferences: string;
};

/** One email gathering a day's (or a week's) notifications for one person. */
export function DigestEmail({ lang, items, texts, links = {} }: { lang: string; items: DigestItem[]; texts: DigestEmailTexts; links?: EmailLinks }) {
  return (
    <EmailLayout lang={lang} brand={texts.brand} preview={texts.subject} footer={texts.footer}>
      <Heading as="h1" style={{ fontSize: "22px" }}>
        {texts.heading}
      </Heading>
      <Text>{texts.intro}</Text>
      {items.map((item, i) => (
        <Section key={i}>
          {i > 0 ? <Hr /> : null}
          <Heading as="h2" style={{ fontSize: "17px", margin: "12px 0 4px" }}>
            {item.title}
          </Heading>
          <Text style={{ margin: "0 0 4px", fontSize: "13px", color: "#4a5563" }}>{item.when}</Text>
          <Text style={{ margin: "0 0 4px" }}>{item.body}</Text>
          <Link href={item.url} style={{ color: "#1d4e89", fontWeight: 700 }}>
            {texts.open}
          </Link>
        </Section>
      ))}
      <Hr />
      <EmailSettingsLinks texts={texts} links={links} />
    </EmailLayout>
  );
}

export default DigestEmail;
