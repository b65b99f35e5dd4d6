import type { SafeHtml } from "./html/jsx-runtime.ts";
import { Layout, type PageContext } from "./layout.tsx";

export function ErrorPage(props: { ctx: PageContext; title: string; message: string; status: number }): SafeHtml {
  return (
    <Layout ctx={props.ctx} title={props.title}>
      <h1>{props.title}</h1>
      <p class="lead">{props.message}</p>
      {props.status === 404 ? (
        <p>Vérifiez l'adresse de la page, ou repartez de l'accueil.</p>
      ) : null}
      <p>
        <a href="/" class="button button--primary">
          Retour à l'accueil
        </a>
      </p>
      <p class="meta">Code de l'erreur : {props.status}</p>
    </Layout>
  );
}
