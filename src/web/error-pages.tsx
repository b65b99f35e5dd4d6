import type { FieldError } from "./errors.ts";
import type { SafeHtml } from "./html/jsx-runtime.ts";
import { Layout, type PageContext } from "./layout.tsx";

export function ErrorPage(props: { ctx: PageContext; title: string; message: string; status: number; fields?: FieldError[] | undefined; back?: string | null }): SafeHtml {
  return (
    <Layout ctx={props.ctx} title={props.title}>
      <h1>{props.title}</h1>
      <p class="lead">{props.message}</p>
      {props.fields && props.fields.length > 0 ? (
        <ul>
          {props.fields.map((f) => (
            <li>
              {f.field} : {f.message}
            </li>
          ))}
        </ul>
      ) : null}
      {props.status === 404 ? <p>Vérifiez l'adresse de la page, ou repartez de l'accueil.</p> : null}
      <p class="form-row">
        {props.back ? (
          <a href={props.back} class="button">
            Revenir à la page précédente
          </a>
        ) : null}
        <a href="/" class="button button--primary">
          Retour à l'accueil
        </a>
      </p>
      <p class="meta">Code de l'erreur : {props.status}</p>
    </Layout>
  );
}
