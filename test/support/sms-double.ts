// A local HTTP SMS provider speaking the protocol of createHttpSmsTransport, for tests: it records
// every request and can be told to answer 500, 400 or never (to test timeouts).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedSms {
  from: string;
  to: string;
  text: string;
  authorization: string | undefined;
}

export type SmsDoubleMode = "ok" | "error500" | "error400" | "hang";

export interface SmsDouble {
  url: string;
  token: string;
  /** Accepted messages (answered 2xx). */
  messages: ReceivedSms[];
  /** Every request, accepted or not. */
  requests: ReceivedSms[];
  mode: SmsDoubleMode;
  close(): Promise<void>;
}

export async function startSmsDouble(token = "test-sms-token"): Promise<SmsDouble> {
  const hanging: ServerResponse[] = [];
  const double: SmsDouble = { url: "", token, messages: [], requests: [], mode: "ok", close: async () => {} };
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on("data", (c: Buffer) => chunks.push(c));
    request.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as Partial<ReceivedSms>;
      const sms: ReceivedSms = { from: body.from ?? "", to: body.to ?? "", text: body.text ?? "", authorization: request.headers.authorization };
      double.requests.push(sms);
      const answer = (status: number, json: unknown) => {
        response.writeHead(status, { "content-type": "application/json" });
        response.end(JSON.stringify(json));
      };
      if (request.headers.authorization !== `Bearer ${token}`) return answer(401, { error: "bad token" });
      if (double.mode === "hang") return void hanging.push(response);
      if (double.mode === "error500") return answer(500, { error: "provider down" });
      if (double.mode === "error400") return answer(400, { error: "invalid number" });
      double.messages.push(sms);
      answer(201, { id: `sms-${double.messages.length}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  double.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`;
  double.close = () =>
    new Promise<void>((resolve) => {
      for (const r of hanging) r.destroy();
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return double;
}
