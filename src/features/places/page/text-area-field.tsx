// A labelled multi-line field with hint and error, following the design system's TextField.
import type { SafeHtml } from "../../../web/html/jsx-runtime.ts";

export function TextAreaField(props: {
  name: string;
  label: string;
  value: string;
  hint?: string;
  error?: string;
  required?: boolean;
  maxlength?: number;
  rows?: number;
}): SafeHtml {
  const hintId = props.hint ? `${props.name}-aide` : undefined;
  const errorId = props.error ? `${props.name}-erreur` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div class={props.error ? "field field--error" : "field"}>
      <label for={props.name}>
        {props.label}
        {props.required ? "" : <span class="optional"> (facultatif)</span>}
      </label>
      {props.hint ? (
        <p class="hint" id={hintId}>
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p class="field-error" id={errorId}>
          <span class="visually-hidden">Erreur : </span>
          {props.error}
        </p>
      ) : null}
      <textarea
        id={props.name}
        name={props.name}
        rows={props.rows ?? 5}
        maxlength={props.maxlength}
        required={props.required}
        aria-describedby={describedBy}
        aria-invalid={props.error ? "true" : undefined}
        class="input textarea"
      >
        {props.value}
      </textarea>
    </div>
  );
}
