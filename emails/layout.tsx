import { Body, Container, Head, Hr, Html, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";

const body = { backgroundColor: "#f4f6f8", fontFamily: "Arial, Helvetica, sans-serif", color: "#1b1f24" };
const container = { backgroundColor: "#ffffff", margin: "24px auto", padding: "24px", maxWidth: "560px", borderRadius: "6px" };
const footerStyle = { color: "#4a5563", fontSize: "13px", lineHeight: "20px" };

/** The frame every portal email shares; `brand` is the portal's name in the email's language. */
export function EmailLayout({ lang, brand, preview, footer, children }: { lang: string; brand: string; preview: string; footer: string; children: ReactNode }) {
  return (
    <Html lang={lang}>
      <Head />
      <Preview>{preview}</Preview>
      <Body style={body}>
        <Container style={container}>
          <Text style={{ fontWeight: 700, fontSize: "18px", color: "#1d4e89", margin: 0 }}>{brand}</Text>
          <Section>{children}</Section>
          <Hr />
          <Text style={footerStyle}>{footer}</Text>
        </Container>
      </Body>
    </Html>
  );
}
