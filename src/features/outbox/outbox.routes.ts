// Admin view of the e-mails the platform sent or, without SMTP, kept (the demo reads sign-in links here).
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import type { Db } from "../../db/schema.ts";
import { HttpError } from "../../web/errors.ts";
import { pageContext, sendHtml } from "../../web/page.ts";
import { requireViewer } from "../auth/auth.routes.ts";
import { canReadOutbox } from "./outbox.policy.ts";
import { findMessage, listMessages } from "./outbox.repository.ts";
import { MailDetailPage, MailListPage } from "./outbox.views.tsx";

const PAGE_SIZE = 50;

export async function outboxRoutes(app: FastifyInstance, deps: { db: Db; transport: "smtp" | "database" }) {
  app.get(
    "/admin/courriels",
    {
      schema: {
        hide: true,
        querystring: Type.Object({
          destinataire: Type.Optional(Type.String({ maxLength: 200 })),
          page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
        }),
      },
    },
    async (request, reply) => {
      if (!canReadOutbox(requireViewer(request))) throw new HttpError("forbidden");
      const { destinataire = "", page = 1 } = request.query as { destinataire?: string; page?: number };
      const { rows, total } = await listMessages(
        deps.db,
        { channel: "email", recipient: destinataire.trim() || undefined },
        { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE },
      );
      const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
      return sendHtml(
        reply,
        MailListPage({ ctx: pageContext(request, reply), rows, total, page, pageCount, recipient: destinataire, transport: deps.transport }),
      );
    },
  );

  app.get(
    "/admin/courriels/:id",
    { schema: { hide: true, params: Type.Object({ id: Type.Integer({ minimum: 1 }) }) } },
    async (request, reply) => {
      if (!canReadOutbox(requireViewer(request))) throw new HttpError("forbidden");
      const message = await findMessage(deps.db, (request.params as { id: number }).id);
      if (message?.channel !== "email") throw new HttpError("not_found");
      return sendHtml(reply, MailDetailPage({ ctx: pageContext(request, reply), message }));
    },
  );
}
