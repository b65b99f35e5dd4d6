import { Button, CsrfField, formatDateTime, Notice } from "../../../web/components.tsx";
import type { SafeHtml } from "../../../web/html/jsx-runtime.ts";
import { Layout, type PageContext } from "../../../web/layout.tsx";
import type { SessionRow } from "./sessions.service.ts";

export type SessionsNotice = "ended" | "others_ended";

const NOTICES: Record<SessionsNotice, string> = {
  ended: "La session a été fermée : cet appareil devra se reconnecter.",
  others_ended: "Toutes vos autres sessions ont été fermées.",
};

export function SessionsPage(props: { ctx: PageContext; sessions: SessionRow[]; notice: SessionsNotice | null }): SafeHtml {
  const others = props.sessions.filter((s) => !s.current).length;
  return (
    <Layout ctx={props.ctx} title="Mes sessions">
      <h1>Mes sessions</h1>
      {props.notice ? <Notice kind="success">{NOTICES[props.notice]}</Notice> : null}
      <p class="lead">Les appareils et navigateurs où vous êtes connecté·e. Fermez une session que vous ne reconnaissez pas.</p>
      <ul class="cards">
        {props.sessions.map((s) => (
          <li class="card">
            <h2>{s.device}</h2>
            {s.current ? <p class="tag">Cet appareil</p> : null}
            <p>
              Connexion le {formatDateTime(s.createdAt)}
              <br />
              Dernière activité le {formatDateTime(s.lastSeenAt)}
            </p>
            {s.current ? null : (
              <form method="post" action={`/espace/sessions/${s.id}/fermer`}>
                <CsrfField token={props.ctx.csrfToken} />
                <Button variant="secondary">
                  Fermer cette session<span class="visually-hidden"> ({s.device})</span>
                </Button>
              </form>
            )}
          </li>
        ))}
      </ul>
      {others > 0 ? (
        <form method="post" action="/espace/sessions/fermer-les-autres">
          <CsrfField token={props.ctx.csrfToken} />
          <Button>Fermer toutes les autres sessions ({others})</Button>
        </form>
      ) : (
        <p>Vous n'êtes connecté·e sur aucun autre appareil.</p>
      )}
      <p>
        <a href="/espace">Retour à mon espace</a>
      </p>
    </Layout>
  );
}
