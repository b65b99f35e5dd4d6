// Form controls beside components.tsx: checkbox and radio groups in fieldsets, selects, text areas and
// time inputs, each with its label, hint and French error tied by aria-describedby.
import type { Renderable, SafeHtml } from "./html/jsx-runtime.ts";

interface Described {
  name: string;
  hint?: string;
  error?: string;
}

function describedBy(props: Described): string | undefined {
  return [props.hint ? `${props.name}-aide` : "", props.error ? `${props.name}-erreur` : ""].filter(Boolean).join(" ") || undefined;
}

function HintAndError(props: Described): SafeHtml {
  return (
    <>
      {props.hint ? <p class="hint" id={`${props.name}-aide`}>{props.hint}</p> : null}
      {props.error ? (
        <p class="field-error" id={`${props.name}-erreur`}>
          <span class="visually-hidden">Erreur : </span>
          {props.error}
        </p>
      ) : null}
    </>
  );
}

function Optional(props: { required?: boolean }): SafeHtml {
  return <>{props.required ? "" : <span class="optional"> (facultatif)</span>}</>;
}

export interface Choice {
  value: string;
  label: string;
}

export function ChoiceGroup(
  props: Described & { legend: string; type: "checkbox" | "radio"; choices: Choice[]; selected: string[]; required?: boolean; compact?: boolean },
): SafeHtml {
  return (
    <fieldset
      id={props.name}
      class={`field choices${props.compact ? " choices--inline" : ""}${props.error ? " field--error" : ""}`}
      aria-describedby={describedBy(props)}
    >
      <legend>
        {props.legend}
        <Optional required={props.required} />
      </legend>
      <HintAndError {...props} />
      {props.choices.map((c, i) => {
        const id = `${props.name}-${i + 1}`;
        return (
          <div class="choice">
            <input type={props.type} id={id} name={props.name} value={c.value} checked={props.selected.includes(c.value)} />
            <label for={id}>{c.label}</label>
          </div>
        );
      })}
    </fieldset>
  );
}

export function SelectField(
  props: Described & { label: string; choices: Choice[]; value: string; required?: boolean; placeholder?: string },
): SafeHtml {
  return (
    <div class={props.error ? "field field--error" : "field"}>
      <label for={props.name}>
        {props.label}
        <Optional required={props.required} />
      </label>
      <HintAndError {...props} />
      <select
        id={props.name}
        name={props.name}
        class="input input--medium"
        required={props.required}
        aria-describedby={describedBy(props)}
        aria-invalid={props.error ? "true" : undefined}
      >
        {props.placeholder !== undefined ? <option value="">{props.placeholder}</option> : null}
        {props.choices.map((c) => (
          <option value={c.value} selected={c.value === props.value}>
            {c.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function TextAreaField(
  props: Described & { label: string; value: string; rows?: number; maxlength?: number; required?: boolean },
): SafeHtml {
  return (
    <div class={props.error ? "field field--error" : "field"}>
      <label for={props.name}>
        {props.label}
        <Optional required={props.required} />
      </label>
      <HintAndError {...props} />
      <textarea
        id={props.name}
        name={props.name}
        rows={String(props.rows ?? 4)}
        class="input textarea"
        maxlength={props.maxlength ? String(props.maxlength) : undefined}
        required={props.required}
        aria-describedby={describedBy(props)}
        aria-invalid={props.error ? "true" : undefined}
      >
        {props.value}
      </textarea>
    </div>
  );
}

/** A native time input (a picker on phones); the server accepts the typed 09:00 form too. */
export function TimeInput(props: { name: string; label: string; value: string; error?: string; visuallyHiddenLabel?: boolean; required?: boolean }): SafeHtml {
  return (
    <div class={props.error ? "time-field field--error" : "time-field"}>
      <label for={props.name} class={props.visuallyHiddenLabel ? "visually-hidden" : undefined}>
        {props.label}
      </label>
      {props.error ? (
        <p class="field-error" id={`${props.name}-erreur`}>
          <span class="visually-hidden">Erreur : </span>
          {props.error}
        </p>
      ) : null}
      <input
        type="time"
        id={props.name}
        name={props.name}
        value={props.value}
        class="input input--time"
        required={props.required}
        aria-describedby={props.error ? `${props.name}-erreur` : undefined}
        aria-invalid={props.error ? "true" : undefined}
      />
    </div>
  );
}

export function BackLink(props: { href: string; children: Renderable }): SafeHtml {
  return (
    <p>
      <a href={props.href}>← {props.children}</a>
    </p>
  );
}

/** A back-office form shown by another feature's page: where it posts, the way back, and a sentence saying why. */
export interface FormReuse {
  action: string;
  back: { href: string; label: string };
  intro: string;
}
