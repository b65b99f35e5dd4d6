// A QR code of a page's address, drawn on the server as inline SVG (markup, not a script, so the CSP
// allows it). The library's output is checked to be one plain <svg> element before it is trusted.
import QRCode from "qrcode";
import { escapeHtml, type SafeHtml, unsafeHtml } from "../../../web/html/jsx-runtime.ts";

export async function qrCodeSvg(url: string, label: string): Promise<SafeHtml> {
  const svg = (await QRCode.toString(url, { type: "svg", margin: 2, errorCorrectionLevel: "M" })).trim();
  if (!/^<svg[\s>]/.test(svg) || !svg.endsWith("</svg>") || /<script|<foreignObject|\son\w+=|style=/i.test(svg)) {
    throw new Error("qrcode produced unexpected markup");
  }
  return unsafeHtml(svg.replace(/^<svg/, `<svg class="qr-code" role="img" aria-label="${escapeHtml(label)}" focusable="false"`));
}
