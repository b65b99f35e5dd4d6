// Shared, accessible building blocks of our design system.
import type { FieldError } from "./errors.ts";
import { type Renderable, type SafeHtml, unsafeHtml } from "./html/jsx-runtime.ts";

const NOTHING = unsafeHtml("");

export type FieldErrors = Record<string, string>;

export function fieldErrorsFrom(errors: FieldError[]): FieldErrors {
  const out: FieldErrors = {};
  for (const e of errors) out[e.field] ??= e.message;
  return out;
}

/**
 * The GOV-style error summary: at the top of the form, linking to each field. It takes the focus when the
 * page loads (HTML autofocus, so without JavaScript too), and keyboard and screen reader users start there.
 */
export function ErrorSummary(props: { errors: FieldErrors }): SafeHtml {
  const entries = Object.entries(props.errors);
  if (entries.length === 0) return NOTHING;
  return (
    <div class="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title" autofocus>
      <h2 id="error-summary-title">{entries.length === 1 ? "Il y a une erreur" : `Il y a ${entries.length} erreurs`}</h2>
      <ul>
        {entries.map(([field, message]) => (
          <li>
            <a href={`#${field}`}>{message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export interface TextFieldProps {
  name: string;
  label: string;
  value?: string | null;
  hint?: string;
  error?: string;
  type?: "text" | "email" | "tel" | "search" | "number" | "date" | "url";
  autocomplete?: string;
  required?: boolean;
  inputmode?: string;
  width?: "short" | "medium" | "full";
  extra?: Record<string, string | boolean>;
}

export function TextField(props: TextFieldProps): SafeHtml {
  const hintId = props.hint ? `${props.name}-aide` : undefined;
  const errorId = props.error ? `${props.name}-erreur` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div class={props.error ? "field field--error" : "field"}>
      <label for={props.name}>
        {props.label}
        {props.required ? "" : <span class="optional"> (facultatif)</span>}
      </label>
      {props.hint ? <p class="hint" id={hintId}>{props.hint}</p> : null}
      {props.error ? (
        <p class="field-error" id={errorId}>
          <span class="visually-hidden">Erreur : </span>
          {props.error}
        </p>
      ) : null}
      <input
        id={props.name}
        name={props.name}
        type={props.type ?? "text"}
        value={props.value ?? ""}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode}
        required={props.required}
        aria-describedby={describedBy}
        aria-invalid={props.error ? "true" : undefined}
        class={`input input--${props.width ?? "full"}`}
        {...(props.extra ?? {})}
      />
    </div>
  );
}

export function Button(props: { children: Renderable; variant?: "primary" | "secondary" | "link"; type?: "submit" | "button" }): SafeHtml {
  return (
    <button type={props.type ?? "submit"} class={`button button--${props.variant ?? "primary"}`}>
      {props.children}
    </button>
  );
}

export function CsrfField(props: { token: string }): SafeHtml {
  return <input type="hidden" name="_csrf" value={props.token} />;
}

export function Notice(props: { kind?: "info" | "success" | "warning"; title?: string; children: Renderable }): SafeHtml {
  return (
    <div class={`notice notice--${props.kind ?? "info"}`} role={props.kind === "success" ? "status" : undefined}>
      {props.title ? <p class="notice__title">{props.title}</p> : null}
      {props.children}
    </div>
  );
}

export interface PageLink {
  page: number;
  href: string;
}

/** Numbered pagination: previous, next and the current page out of the total. */
export function Pagination(props: { page: number; pageCount: number; hrefFor: (page: number) => string }): SafeHtml {
  if (props.pageCount <= 1) return NOTHING;
  const { page, pageCount, hrefFor } = props;
  return (
    <nav class="pagination" aria-label="Pagination">
      <ul>
        {page > 1 ? (
          <li>
            <a href={hrefFor(page - 1)} rel="prev">
              ← Page précédente
            </a>
          </li>
        ) : null}
        <li>
          <span aria-current="page">
            Page {page} sur {pageCount}
          </span>
        </li>
        {page < pageCount ? (
          <li>
            <a href={hrefFor(page + 1)} rel="next">
              Page suivante →
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

const DATE_TIME = new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Paris" });

export function formatDateTime(date: Date): string {
  return DATE_TIME.format(date);
}

const NUMBER = new Intl.NumberFormat("fr-FR");

export function formatNumber(n: number): string {
  return NUMBER.format(n);
}
