// Admin view of the text messages the platform sent or, with SMS_PROVIDER=none, kept (the demo reads them here).
import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import { HttpError } from "../../web/errors.ts";
import { pageContext, sendHtml } from "../../web/page.ts";
import { requireViewer } from "../auth/auth.routes.ts";
import type { BookingFeatureDeps } from "../booking/booking.deps.ts";
import { canReadOutbox } from "../outbox/outbox.policy.ts";
import { findMessage, listMessages } from "../outbox/outbox.repository.ts";
import { SmsDetailPage, SmsListPage } from "../outbox/outbox.views.tsx";

const PAGE_SIZE = 50;

export async function notificationsRoutes(app: FastifyInstance, deps: BookingFeatureDeps): Promise<void> {
  app.get(
    "/admin/sms",
    {
      schema: {
        hide: true,
        querystring: Type.Object({
          destinataire: Type.Optional(Type.String({ maxLength: 40 })),
          page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
        }),
      },
    },
    async (request, reply) => {
      if (!canReadOutbox(requireViewer(request))) throw new HttpError("forbidden");
      const { destinataire = "", page = 1 } = request.query as { destinataire?: string; page?: number };
      // Numbers are kept in E.164 (+33612…): search on the digits after the leading 0 or +33.
      const digits = destinataire.replace(/\D/g, "").replace(/^(33|0)/, "");
      const { rows, total } = await listMessages(
        deps.db,
        { channel: "sms", recipient: digits || undefined },
        { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE },
      );
      const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
      return sendHtml(
        reply,
        SmsListPage({ ctx: pageContext(request, reply), rows, total, page, pageCount, recipient: destinataire, provider: deps.config.sms.provider }),
      );
    },
  );

  app.get(
    "/admin/sms/:id",
    { schema: { hide: true, params: Type.Object({ id: Type.Integer({ minimum: 1 }) }) } },
    async (request, reply) => {
      if (!canReadOutbox(requireViewer(request))) throw new HttpError("forbidden");
      const message = await findMessage(deps.db, (request.params as { id: number }).id);
      if (message?.channel !== "sms") throw new HttpError("not_found");
      return sendHtml(reply, SmsDetailPage({ ctx: pageContext(request, reply), message }));
    },
  );
}
