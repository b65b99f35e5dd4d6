// The opening-hours part of the place form: a fieldset per weekday with two time ranges, the public-holiday
// box, and the expert field (raw OpenStreetMap syntax) inside a disclosure that works without JavaScript.

import { TextAreaField, TimeInput } from "../../../web/form-controls.tsx";
import type { SafeHtml } from "../../../web/html/jsx-runtime.ts";
import { DAY_NAMES, EXPERT_FIELD, HOLIDAYS_FIELD, RANGES_PER_DAY, rangeFieldName } from "./opening-hours-editor.ts";

const RANGE_NAMES = ["1re plage", "2e plage"];

export function OpeningHoursFields(props: { values: Record<string, string>; errors: Record<string, string> }): SafeHtml {
  const { values, errors } = props;
  const expertOpen = (values[EXPERT_FIELD] ?? "") !== "" || errors[EXPERT_FIELD] !== undefined;
  return (
    <section aria-labelledby="horaires-titre">
      <h2 id="horaires-titre">Horaires d'ouverture</h2>
      <p class="hint">Jusqu'à deux plages par jour, par exemple de 09:00 à 12:00 puis de 14:00 à 17:00. Laissez vides les jours de fermeture.</p>
      <div class="hours-grid">
        {DAY_NAMES.map((day, d) => (
          <fieldset class="hours-day">
            <legend>{day}</legend>
            {Array.from({ length: RANGES_PER_DAY }, (_, r) => (
              <div class="hours-range">
                <TimeInput
                  name={rangeFieldName(d, r, "start")}
                  label={`Ouverture (${RANGE_NAMES[r]})`}
                  value={values[rangeFieldName(d, r, "start")] ?? ""}
                  error={errors[rangeFieldName(d, r, "start")]}
                />
                <TimeInput
                  name={rangeFieldName(d, r, "end")}
                  label={`Fermeture (${RANGE_NAMES[r]})`}
                  value={values[rangeFieldName(d, r, "end")] ?? ""}
                  error={errors[rangeFieldName(d, r, "end")]}
                />
              </div>
            ))}
          </fieldset>
        ))}
      </div>
      <div class="field choice">
        <input type="checkbox" id={HOLIDAYS_FIELD} name={HOLIDAYS_FIELD} value="1" checked={(values[HOLIDAYS_FIELD] ?? "") !== ""} />
        <label for={HOLIDAYS_FIELD}>Fermé les jours fériés</label>
      </div>
      <details open={expertOpen}>
        <summary>Saisie experte (syntaxe OpenStreetMap)</summary>
        <TextAreaField
          name={EXPERT_FIELD}
          label="Horaires au format OpenStreetMap"
          hint="Remplace le tableau ci-dessus quand ce champ est rempli. Exemple : Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00; PH off"
          value={values[EXPERT_FIELD] ?? ""}
          error={errors[EXPERT_FIELD]}
          rows={3}
        />
      </details>
    </section>
  );
}
